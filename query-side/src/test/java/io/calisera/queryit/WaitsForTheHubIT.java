package io.calisera.queryit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calisera.testing.HubProcess;
import io.calisera.testing.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * query-side's jar started before the hub (it used to exit about 12 s after it began starting its
 * processors, which could not ask the event store for their first tokens): it waits, says so in its
 * log and is not ready meanwhile, stops promptly when asked to, and starts once the hub is up.
 */
class WaitsForTheHubIT {

  static final Pattern WAITED =
      Pattern.compile("Waiting for the hub at \\S+ \\((\\d+) s so far\\)");

  @TempDir Path home;

  @Test
  void aServiceStartedBeforeTheHubWaitsForItStopsWhenAskedAndStartsOnceTheHubIsUp() {
    HubProcess hub = HubProcess.prepare(home.resolve("hub"));
    try (ServiceProcess querySide = querySide(hub)) {
      querySide.launch();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !querySide.isAlive() || waitedSeconds(querySide.log()) >= 15);

      assertThat(querySide.isAlive()).as("alive after 15 s without a hub").isTrue();
      assertThat(log(querySide.log()))
          .contains("Waiting for the hub at " + hub.address() + ": this service starts when")
          .doesNotContain("Starting PooledStreamingEventProcessor");
      assertThat(answersHealthy(querySide)).as("not ready while waiting").isFalse();

      long asked = System.nanoTime();
      querySide.stop(); // SIGTERM; fails the test if the process has not exited within 60 s
      assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(20));
      assertThat(log(querySide.log())).contains("Stopped while waiting for the hub");

      querySide.launch();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !querySide.isAlive() || waitingLines(querySide.log()) == 2);
      hub.start();
      try {
        querySide.awaitHealthy(Duration.ofSeconds(120));

        assertThat(log(querySide.log()))
            .contains("The hub at " + hub.address() + " answered after")
            .contains("Axon processor slots: PooledStreamingEventProcessor");
      } finally {
        hub.stop();
      }
    }
  }

  private ServiceProcess querySide(HubProcess hub) {
    int port = ServiceProcess.freePort();
    return ServiceProcess.of(
        "query-side",
        home.resolve("query-side.log"),
        port,
        hub.connectionEnvironment(
            "query-side", Map.of("CALISERA_HOME", home.resolve("calisera").toString())),
        List.of("--server.port=" + port, "--axon.axonserver.client-id=query-side-waits"),
        List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
  }

  /** How many times the service (each start appends to the log) began to wait. */
  private static long waitingLines(Path log) {
    return log(log).lines().filter(line -> line.contains("this service starts when it")).count();
  }

  /** The longest wait the service has reported so far. */
  private static int waitedSeconds(Path log) {
    Matcher waited = WAITED.matcher(log(log));
    int seconds = 0;
    while (waited.find()) {
      seconds = Math.max(seconds, Integer.parseInt(waited.group(1)));
    }
    return seconds;
  }

  private static boolean answersHealthy(ServiceProcess service) {
    try {
      return service.get("/actuator/health", Map.of()).statusCode() == 200;
    } catch (UncheckedIOException notListening) {
      return false;
    }
  }

  private static String log(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
