package io.calisera.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.junit.jupiter.api.Test;

/**
 * The wait on its own, against an address where no hub listens (the hub's side: WaitsForTheHubIT).
 */
class HubWaitTest {

  @Test
  void withoutAHubTheStartWaitsAndAnInterruptGivesItUp() throws Exception {
    String nowhere = "localhost:" + unusedPort();
    AxonServerConnectionManager connections =
        AxonServerConnectionManager.builder()
            .routingServers(nowhere)
            .axonServerConfiguration(AxonServerConfiguration.builder().servers(nowhere).build())
            .build();
    HubWait wait = new HubWait(connections, nowhere);
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread start =
        new Thread(
            () -> {
              try {
                wait.start();
                outcome.complete(null);
              } catch (RuntimeException e) {
                outcome.complete(e);
              }
            });
    try {
      start.start();
      Thread.sleep(1_000);

      assertThat(outcome).as("still waiting").isNotDone();
      assertThat(wait.isRunning()).isFalse();

      start.interrupt();

      assertThat(outcome.get(5, TimeUnit.SECONDS))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Stopped while waiting for the hub at " + nowhere);
      assertThat(wait.isRunning()).isFalse();
    } finally {
      connections.shutdown();
    }
  }

  private static int unusedPort() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
