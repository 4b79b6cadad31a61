package io.calisera.analytics.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param home the platform's data folder; the embedded PostgreSQL lives under {@code
 *     analytics/postgres}
 * @param batchSize events applied per transaction (and token update) at most
 * @param claimTimeout a claim on a segment not extended this long may be taken over
 * @param poolSize database connections
 * @param nodeId this instance's name in the token store; empty: host name and a random id
 */
@ConfigurationProperties("calisera.analytics")
public record AnalyticsProperties(
    Path home, int batchSize, Duration claimTimeout, int poolSize, String nodeId) {

  public AnalyticsProperties {
    if (home == null) {
      home = Path.of(".calisera");
    }
    if (batchSize <= 0) {
      batchSize = 1000;
    }
    if (claimTimeout == null) {
      claimTimeout = Duration.ofSeconds(10);
    }
    if (poolSize <= 0) {
      poolSize = 8;
    }
    if (nodeId == null) {
      nodeId = "";
    }
  }
}
