package io.calisera.axonserver.config;

import io.calisera.axonserver.grpc.GrpcServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the hub. Every one has an embedded default; environment variables such as {@code
 * CALISERA_HUB_GRPC_PORT} override them through Spring's relaxed binding.
 *
 * @param home the platform's data folder ({@code $CALISERA_HOME}); the embedded PostgreSQL keeps
 *     its data under {@code <home>/axonserver/postgres}
 * @param grpcPort port of the Axon Server gRPC API
 * @param bindAddress where the gRPC API (and the HTTP port) listens: {@code 127.0.0.1} unless an
 *     operator opens it ({@code CALISERA_HUB_BIND_ADDRESS})
 * @param applicationsFile the applications the hub serves, each with the SHA-256 of its token and
 *     its rights ({@link io.calisera.axonserver.access.Applications}); there is no tokenless mode
 * @param tls the certificate and key of the gRPC port, or none for plaintext
 * @param plaintextBeyondLoopback admit a gRPC port without TLS on an address other than loopback
 *     (tokens then cross the network in clear: only where something else encrypts it)
 * @param advertisedHost host name clients are told to connect to ({@code PlatformInfo.primary})
 * @param nodeName name of this node in replies and error locations
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
    String bindAddress,
    Path applicationsFile,
    Tls tls,
    boolean plaintextBeyondLoopback,
    String advertisedHost,
    String nodeName,
    int maxMessageSize,
    int maxEventSize,
    long maxTransactionSize,
    Duration commandTimeout,
    Duration defaultQueryTimeout,
    int appendBatchEvents,
    int blacklistRefreshInterval) {

  /**
   * The gRPC port's TLS material, both PEM files: the certificate chain (the server's certificate
   * first) and its PKCS#8 private key. Neither set: plaintext.
   */
  public record Tls(String certChainFile, String privateKeyFile) {

    /** The two files, or empty for plaintext; one without the other stops the hub. */
    public Optional<GrpcServer.Tls> files() {
      boolean chain = certChainFile != null && !certChainFile.isBlank();
      boolean key = privateKeyFile != null && !privateKeyFile.isBlank();
      if (chain != key) {
        throw new IllegalStateException(
            "TLS of the hub's gRPC port needs both CALISERA_HUB_TLS_CERT_CHAIN_FILE and"
                + " CALISERA_HUB_TLS_PRIVATE_KEY_FILE, or neither");
      }
      return chain
          ? Optional.of(new GrpcServer.Tls(Path.of(certChainFile), Path.of(privateKeyFile)))
          : Optional.empty();
    }
  }
}
