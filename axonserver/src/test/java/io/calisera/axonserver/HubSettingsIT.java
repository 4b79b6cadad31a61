package io.calisera.axonserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.calisera.testing.HubProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits that cannot work stop the hub before it serves anyone, with one message that names the
 * settings at fault, whether they come as arguments or as environment variables.
 */
class HubSettingsIT {

  @TempDir Path home;

  @Test
  void anAppendQueueTooSmallForOneTransactionStopsTheHubNamingBothSettings() throws IOException {
    Throwable failure =
        catchThrowable(
            () ->
                HubProcess.start(home, Map.of(), "--calisera.hub.append-queue-size=1000").close());

    assertThat(failure).hasMessageContaining("exited with");
    assertThat(Files.readString(home.resolve("hub.log")))
        .contains("APPLICATION FAILED TO START")
        .contains(
            "Hub settings (calisera.hub.*): append-buffer-size and append-queue-size",
            "must each hold a transaction of max-transaction-size (8388608 bytes)");
  }

  @Test
  void aDatabaseTimeoutOfZeroFromTheEnvironmentStopsTheHubNamingIt() throws IOException {
    Throwable failure =
        catchThrowable(
            () -> HubProcess.start(home, Map.of("CALISERA_HUB_DATABASE_TIMEOUT", "0s")).close());

    assertThat(failure).hasMessageContaining("exited with");
    assertThat(Files.readString(home.resolve("hub.log")))
        .contains("APPLICATION FAILED TO START")
        .contains("append-queue-timeout and database-timeout must be positive");
  }
}
