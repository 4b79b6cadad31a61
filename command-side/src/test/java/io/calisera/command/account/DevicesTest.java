package io.calisera.command.account;

import io.calisera.api.account.AccountRegisteredEvent;
import io.calisera.api.account.DevicePlatform;
import io.calisera.api.account.DeviceRegisteredEvent;
import io.calisera.api.account.DeviceUnregisteredEvent;
import io.calisera.api.account.RegisterDeviceCommand;
import io.calisera.api.account.UnregisterDeviceCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An account's push devices: registered by the account itself, once each, at most ten. */
class DevicesTest {

  private static final Instant AT = Instant.parse("2026-06-01T06:00:00Z");
  private static final String ANNA = "acc-anna";
  private static final Actor AS_ANNA = Actor.account(ANNA, Set.of(Role.CUSTOMER));

  private FixtureConfiguration<Account> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Account.class);
  }

  private static AccountRegisteredEvent annaRegistered() {
    return new AccountRegisteredEvent(
        ANNA, "anna@example.com", "Anna", Set.of(Role.CUSTOMER), Actor.SYSTEM_ID, AT);
  }

  private static DeviceRegisteredEvent registered(String token) {
    return new DeviceRegisteredEvent(ANNA, DevicePlatform.FCM, token, ANNA, AT);
  }

  @Test
  void theAccountRegistersADevice() {
    fixture
        .given(annaRegistered())
        .when(new RegisterDeviceCommand(ANNA, DevicePlatform.FCM, "phone", AS_ANNA, AT))
        .expectEvents(registered("phone"));
  }

  @Test
  void registeringItAgainStoresNothing() {
    fixture
        .given(annaRegistered(), registered("phone"))
        .when(new RegisterDeviceCommand(ANNA, DevicePlatform.FCM, "phone", AS_ANNA, AT))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void aTokenOnAnotherPlatformIsRegisteredAnew() {
    fixture
        .given(annaRegistered(), registered("phone"))
        .when(new RegisterDeviceCommand(ANNA, DevicePlatform.WEBPUSH, "phone", AS_ANNA, AT))
        .expectEvents(
            new DeviceUnregisteredEvent(ANNA, "phone", ANNA, AT),
            new DeviceRegisteredEvent(ANNA, DevicePlatform.WEBPUSH, "phone", ANNA, AT));
  }

  @Test
  void theEleventhDeviceReplacesTheOldest() {
    List<Object> given = new ArrayList<>(List.of(annaRegistered()));
    for (int i = 0; i < RegisterDeviceCommand.MAX_DEVICES; i++) {
      given.add(registered("device-" + i));
    }
    fixture
        .given(given)
        .when(new RegisterDeviceCommand(ANNA, DevicePlatform.FCM, "new", AS_ANNA, AT))
        .expectEvents(new DeviceUnregisteredEvent(ANNA, "device-0", ANNA, AT), registered("new"));
  }

  @Test
  void theAccountRemovesADeviceOnceAndThenNothingIsLeftToRemove() {
    fixture
        .given(annaRegistered(), registered("phone"))
        .when(new UnregisterDeviceCommand(ANNA, "phone", AS_ANNA, AT))
        .expectEvents(new DeviceUnregisteredEvent(ANNA, "phone", ANNA, AT));
    fixture
        .given(
            annaRegistered(),
            registered("phone"),
            new DeviceUnregisteredEvent(ANNA, "phone", ANNA, AT))
        .when(new UnregisterDeviceCommand(ANNA, "phone", AS_ANNA, AT))
        .expectNoEvents();
  }

  @Test
  void nobodyElseRegistersTheAccountsDevices() {
    Actor other = Actor.account("acc-other", Set.of(Role.CUSTOMER));
    fixture
        .given(annaRegistered())
        .when(new RegisterDeviceCommand(ANNA, DevicePlatform.FCM, "phone", other, AT))
        .expectNoEvents()
        .expectExceptionDetails(
            Matchers.equalTo(
                new Refusal(
                    RefusalCode.FORBIDDEN, "only the account itself registers its devices")));
  }
}
