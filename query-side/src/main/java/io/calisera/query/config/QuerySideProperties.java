package io.calisera.query.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param home the platform's data folder ({@code CALISERA_HOME}); the embedded MongoDB keeps its
 *     file under {@code home/query-side/}
 * @param nodeId the owner name this instance claims tokens with; empty: {@code embedded} with the
 *     embedded MongoDB (one process at a time can open its file, so a restart after a crash takes
 *     its claims back at once), otherwise host name and a random suffix
 * @param claimTimeout a claim not extended for this long may be taken over by another instance
 * @param segments the segments each processor starts with (the first start only)
 * @param batchSize the most events one processor applies before it stores its token
 */
@ConfigurationProperties("calisera.query")
public record QuerySideProperties(
    Path home, String nodeId, Duration claimTimeout, int segments, int batchSize) {

  public QuerySideProperties {
    home = home == null ? Path.of(".calisera") : home;
    nodeId = nodeId == null ? "" : nodeId;
    claimTimeout = claimTimeout == null ? Duration.ofSeconds(10) : claimTimeout;
    segments = segments < 1 ? 1 : segments;
    batchSize = batchSize < 1 ? 100 : batchSize;
  }
}
