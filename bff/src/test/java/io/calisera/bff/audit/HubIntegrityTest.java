package io.calisera.bff.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ProblemCode;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** A hub that cannot be reached, or no token to ask it with, is 503 to retry, never a report. */
class HubIntegrityTest {

  @Test
  void aHubThatCannotBeReachedIsServiceUnavailable() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var connection = new AxonServerConfiguration();
    connection.setToken("the-bffs-hub-token");

    var integrity = integrity(closedPort, Map.of("axonServerConfiguration", connection));

    assertThatThrownBy(integrity::verify)
        .isInstanceOfSatisfying(
            ApiProblem.class,
            problem -> assertThat(problem.code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE));
  }

  @Test
  void withoutAHubTokenNothingIsAsked() {
    assertThatThrownBy(integrity(1, Map.of())::verify)
        .isInstanceOfSatisfying(
            ApiProblem.class,
            problem -> assertThat(problem.code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE));
  }

  private static HubIntegrity integrity(int port, Map<String, Object> beans) {
    return new HubIntegrity(
        new HubIntegritySettings(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2)),
        new StaticListableBeanFactory(beans).getBeanProvider(AxonServerConfiguration.class));
  }
}
