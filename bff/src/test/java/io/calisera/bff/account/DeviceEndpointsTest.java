package io.calisera.bff.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.api.account.DevicePlatform;
import io.calisera.api.account.RegisterDeviceCommand;
import io.calisera.api.account.UnregisterDeviceCommand;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

/** A signed-in caller registers and removes their own push devices; the command side records. */
@BffTest
class DeviceEndpointsTest {

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired CommandBus commandBus;

  Api api;
  final List<Object> sent = new CopyOnWriteArrayList<>();
  List<Registration> handlers;

  @BeforeEach
  void theCommandSideAsANarrowStub() throws Exception {
    clock.set(BffTestConfiguration.START);
    api = new Api(mvc);
    handlers =
        List.of(
            commandBus.subscribe(
                RegisterDeviceCommand.class.getName(),
                command -> {
                  sent.add(command.getPayload());
                  return null;
                }),
            commandBus.subscribe(
                UnregisterDeviceCommand.class.getName(),
                command -> {
                  sent.add(command.getPayload());
                  return null;
                }));
  }

  @AfterEach
  void withoutTheStub() {
    handlers.forEach(Registration::cancel);
  }

  @Test
  void aCallerRegistersADeviceForTheirOwnAccount() throws Exception {
    String token = api.login("dora");
    api.perform(
            HttpMethod.POST,
            "/api/v1/me/devices",
            token,
            "{\"platform\":\"APNS\",\"token\":\"a1b2c3d4e5f6\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.platform").value("APNS"))
        .andExpect(jsonPath("$.token").value("a1b2c3d4e5f6"));
    RegisterDeviceCommand command = (RegisterDeviceCommand) sent.get(0);
    assertThat(command.platform()).isEqualTo(DevicePlatform.APNS);
    assertThat(command.token()).isEqualTo("a1b2c3d4e5f6");
    assertThat(command.accountId()).isEqualTo(command.actor().accountId());
    assertThat(command.at()).isEqualTo(BffTestConfiguration.START);
  }

  @Test
  void andRemovesIt() throws Exception {
    String token = api.login("dora");
    api.perform(HttpMethod.DELETE, "/api/v1/me/devices/a1b2c3d4e5f6", token, null)
        .andExpect(status().isNoContent());
    UnregisterDeviceCommand command = (UnregisterDeviceCommand) sent.get(0);
    assertThat(command.token()).isEqualTo("a1b2c3d4e5f6");
    assertThat(command.accountId()).isEqualTo(command.actor().accountId());
  }

  @Test
  void anUnknownPlatformOrABlankTokenIs400() throws Exception {
    String token = api.login("dora");
    api.perform(
            HttpMethod.POST,
            "/api/v1/me/devices",
            token,
            "{\"platform\":\"PAGER\",\"token\":\"x\"}")
        .andExpect(status().isBadRequest());
    api.perform(
            HttpMethod.POST,
            "/api/v1/me/devices",
            token,
            "{\"platform\":\"FCM\",\"token\":\"a b\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    assertThat(sent).isEmpty();
  }
}
