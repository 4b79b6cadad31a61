package io.calisera.command.account;

import io.calisera.api.account.AccountRegisteredEvent;
import io.calisera.api.account.GrantRolesCommand;
import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.account.RolesGrantedEvent;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.Role;
import io.calisera.command.common.UnknownAggregateRefusal;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountTest {

  private static final Instant AT = Instant.parse("2026-06-01T06:00:00Z");
  private static final String ANNA = "acc-anna";
  private static final Actor ADMIN = Actor.account("acc-admin", Set.of(Role.ADMIN));

  private FixtureConfiguration<Account> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Account.class);
    fixture.registerCommandHandlerInterceptor(new UnknownAggregateRefusal());
  }

  private static RegisterAccountCommand annaLogsInForTheFirstTime() {
    return new RegisterAccountCommand(
        ANNA, "anna@example.com", "Anna", Set.of(Role.CUSTOMER), Actor.SYSTEM, AT);
  }

  private static AccountRegisteredEvent annaRegistered() {
    return new AccountRegisteredEvent(
        ANNA, "anna@example.com", "Anna", Set.of(Role.CUSTOMER), Actor.SYSTEM_ID, AT);
  }

  @Test
  void theFirstLoginRegistersTheAccount() {
    fixture.givenNoPriorActivity().when(annaLogsInForTheFirstTime()).expectEvents(annaRegistered());
  }

  @Test
  void registeringAgainStoresNothing() {
    fixture
        .given(annaRegistered())
        .when(annaLogsInForTheFirstTime())
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void anAdminGrantsOnlyTheRolesNotHeldYet() {
    fixture
        .given(annaRegistered())
        .when(new GrantRolesCommand(ANNA, Set.of(Role.CUSTOMER, Role.PROVIDER), ADMIN, AT))
        .expectEvents(new RolesGrantedEvent(ANNA, Set.of(Role.PROVIDER), ADMIN.accountId(), AT));
  }

  @Test
  void grantingHeldRolesStoresNothing() {
    fixture
        .given(annaRegistered())
        .when(new GrantRolesCommand(ANNA, Set.of(Role.CUSTOMER), ADMIN, AT))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void aRoleOnceGrantedIsHeld() {
    fixture
        .given(
            annaRegistered(),
            new RolesGrantedEvent(ANNA, Set.of(Role.PROVIDER), ADMIN.accountId(), AT))
        .when(new GrantRolesCommand(ANNA, Set.of(Role.PROVIDER), ADMIN, AT))
        .expectNoEvents();
  }

  @Test
  void onlyAnAdminOrThePlatformGrantsRoles() {
    Actor anna = Actor.account(ANNA, Set.of(Role.CUSTOMER));
    fixture
        .given(annaRegistered())
        .when(new GrantRolesCommand(ANNA, Set.of(Role.ADMIN), anna, AT))
        .expectNoEvents()
        .expectExceptionDetails(
            Matchers.equalTo(new Refusal(RefusalCode.FORBIDDEN, "only an admin may grant roles")));
  }

  @Test
  void grantingRolesToAnUnregisteredAccountIsNotFound() {
    fixture
        .givenNoPriorActivity()
        .when(new GrantRolesCommand(ANNA, Set.of(Role.PROVIDER), Actor.SYSTEM, AT))
        .expectNoEvents()
        .expectExceptionDetails(
            Matchers.hasToString(Matchers.containsString(RefusalCode.NOT_FOUND.name())));
  }
}
