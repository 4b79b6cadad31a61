package io.calisera.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** How often a service looks for a lost hub, as the connector's configuration binds it. */
class HubReconnectTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AxonServerConfiguration.class)
  static class OnlyTheConnectorsSettings {}

  @Test
  void aServiceLooksForALostHubEveryHalfSecond() {
    assertThat(reconnectInterval()).isEqualTo(500);
  }

  @Test
  void aServicesOwnSettingStillDecides() {
    assertThat(reconnectInterval("--axon.axonserver.reconnect-interval=3000")).isEqualTo(3000);
  }

  private static long reconnectInterval(String... arguments) {
    try (var context =
        new SpringApplicationBuilder(OnlyTheConnectorsSettings.class)
            .web(WebApplicationType.NONE)
            .run(arguments)) {
      return context.getBean(AxonServerConfiguration.class).getReconnectInterval();
    }
  }
}
