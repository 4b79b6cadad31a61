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
import io.calisera.bff.testing.StubPlatform;
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
  @Autowired StubPlatform platform;

  Api api;
  Api.Person dora;

  @BeforeEach
  void doraSignedIn() throws Exception {
    clock.set(BffTestConfiguration.START);
    api = new Api(mvc);
    dora = api.person("dora");
    platform.on(RegisterDeviceCommand.class).succeed();
    platform.on(UnregisterDeviceCommand.class).succeed();
  }

  @Test
  void aCallerRegistersADeviceForTheirOwnAccount() throws Exception {
    api.perform(
            HttpMethod.POST,
            "/api/v1/me/devices",
            dora.token(),
            "{\"platform\":\"APNS\",\"token\":\"a1b2c3d4e5f6\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.platform").value("APNS"))
        .andExpect(jsonPath("$.token").value("a1b2c3d4e5f6"));
    RegisterDeviceCommand command = platform.onlySent(RegisterDeviceCommand.class);
    assertThat(command.platform()).isEqualTo(DevicePlatform.APNS);
    assertThat(command.token()).isEqualTo("a1b2c3d4e5f6");
    assertThat(command.accountId()).isEqualTo(dora.accountId());
    assertThat(command.actor()).isEqualTo(dora.actor());
    assertThat(command.at()).isEqualTo(BffTestConfiguration.START);
  }

  @Test
  void andRemovesIt() throws Exception {
    api.perform(HttpMethod.DELETE, "/api/v1/me/devices/a1b2c3d4e5f6", dora.token(), null)
        .andExpect(status().isNoContent());
    UnregisterDeviceCommand command = platform.onlySent(UnregisterDeviceCommand.class);
    assertThat(command.token()).isEqualTo("a1b2c3d4e5f6");
    assertThat(command.accountId()).isEqualTo(dora.accountId());
  }

  @Test
  void anUnknownPlatformOrABlankTokenIs400() throws Exception {
    api.perform(
            HttpMethod.POST,
            "/api/v1/me/devices",
            dora.token(),
            "{\"platform\":\"PAGER\",\"token\":\"x\"}")
        .andExpect(status().isBadRequest());
    api.perform(
            HttpMethod.POST,
            "/api/v1/me/devices",
            dora.token(),
            "{\"platform\":\"FCM\",\"token\":\"a b\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    assertThat(platform.commands()).isEmpty();
  }
}
