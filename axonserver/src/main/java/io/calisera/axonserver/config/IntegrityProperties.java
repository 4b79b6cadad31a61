package io.calisera.axonserver.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the hub keeps what makes its history tamper-evident against whoever can rewrite the
 * database (decision 0015). Both files belong outside the database, and in backups of the hub's
 * data folder; environment variables override them through Spring's relaxed binding.
 *
 * @param keyFile the chain key: hexadecimal digits, at least 256 bits; made on the first start when
 *     missing ({@code CALISERA_HUB_CHAIN_KEY_FILE} names one the operator gives)
 * @param checkpointFile the newest signed checkpoint of the head ({@code
 *     CALISERA_HUB_CHECKPOINT_FILE})
 * @param checkpointInterval how often the head is checkpointed when there are new events
 */
@ConfigurationProperties("calisera.hub.integrity")
public record IntegrityProperties(Path keyFile, Path checkpointFile, Duration checkpointInterval) {

  public IntegrityProperties {
    if (checkpointInterval == null
        || checkpointInterval.isNegative()
        || checkpointInterval.isZero()) {
      throw new IllegalStateException(
          "Hub settings (calisera.hub.integrity.*): checkpoint-interval must be positive");
    }
  }
}
