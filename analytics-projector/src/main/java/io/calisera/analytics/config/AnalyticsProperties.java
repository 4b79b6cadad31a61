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
 * @param rebuildCheck how often a running rebuild is checked for having caught up; the current
 *     figures answer at least this long after it started
 */
@ConfigurationProperties("calisera.analytics")
public record AnalyticsProperties(
    Path home,
    int batchSize,
    Duration claimTimeout,
    int poolSize,
    String nodeId,
    Duration rebuildCheck) {

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
    if (rebuildCheck == null || rebuildCheck.isZero() || rebuildCheck.isNegative()) {
      rebuildCheck = Duration.ofSeconds(1);
    }
  }
}
