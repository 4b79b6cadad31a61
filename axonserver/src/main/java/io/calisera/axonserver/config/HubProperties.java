package io.calisera.axonserver.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the hub. Every one has an embedded default; environment variables such as {@code
 * CALISERA_HUB_GRPC_PORT} override them through Spring's relaxed binding.
 *
 * @param home the platform's data folder ({@code $CALISERA_HOME}); the embedded PostgreSQL keeps
 *     its data under {@code <home>/axonserver/postgres}
 * @param grpcPort port of the Axon Server gRPC API
 * @param advertisedHost host name clients are told to connect to ({@code PlatformInfo.primary})
 * @param nodeName name of this node in replies and error locations
 * @param accessToken when set, every gRPC call must carry it in {@code AxonIQ-Access-Token}, and
 *     every HTTP endpoint except health in the same header
 * @param maxMessageSize largest gRPC message the hub accepts; at least the clients' {@code
 *     axon.axonserver.max-message-size}
 * @param maxEventSize largest event (serialized) the hub stores: it must fit into the 4 MiB a
 *     default client accepts, with the few bytes that wrap it on the way out
 * @param maxTransactionSize largest sum of event sizes in one append transaction
 * @param commandTimeout how long a dispatched command may wait for its handler's answer
 * @param defaultQueryTimeout query timeout when the request names none
 * @param appendBatchEvents most events the writer commits in one database transaction
 * @param blacklistRefreshInterval after this many skipped (blacklisted) events in a row, one is
 *     sent anyway, so the client's token keeps moving
 */
@ConfigurationProperties("calisera.hub")
public record HubProperties(
    Path home,
    int grpcPort,
    String advertisedHost,
    String nodeName,
    String accessToken,
    int maxMessageSize,
    int maxEventSize,
    long maxTransactionSize,
    Duration commandTimeout,
    Duration defaultQueryTimeout,
    int appendBatchEvents,
    int blacklistRefreshInterval) {

  public boolean accessControlEnabled() {
    return accessToken != null && !accessToken.isBlank();
  }
}
