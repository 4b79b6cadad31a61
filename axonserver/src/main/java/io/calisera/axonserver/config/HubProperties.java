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
 * @param maxMessageSize largest gRPC message the hub accepts: the clients' {@code
 *     axon.axonserver.max-message-size} (4 MiB unless they set it)
 * @param maxEventSize largest event (serialized) the hub stores: it must fit into the 4 MiB a
 *     default client accepts, with the few bytes that wrap it on the way out
 * @param maxTransactionSize largest sum of event sizes in one append transaction; also the most a
 *     batch of the writer holds, unless one transaction alone is larger
 * @param appendBufferSize most bytes of events the hub holds for appends whose client has not
 *     finished sending them (each event counted with {@value
 *     io.calisera.axonserver.eventstore.EventStore#EVENT_OVERHEAD} bytes more); beyond, an append
 *     is refused (AXONIQ-1900). 0: a sixteenth of the heap ({@code -Xmx}), at least {@code
 *     maxTransactionSize}
 * @param appendQueueSize the same for finished appends waiting for the writer or being written; 0
 *     as above
 * @param appendQueueTimeout the longest a finished append waits for the writer; one not taken by
 *     then is refused and never written. With {@code databaseTimeout} it must stay below the
 *     clients' {@code axon.axonserver.commit-timeout} (10 s), after which they give up
 * @param databaseTimeout the longest any statement of the hub may take (writer and readers); a
 *     connection that stays silent for this plus two seconds is closed
 * @param streamBufferSize most bytes waiting on one outbound stream for the client's permits or for
 *     its transport to take them; beyond, the stream is ended with AXONIQ-1900
 * @param callThreads threads for the calls that read the database
 * @param eventStreamThreads threads that feed the {@code ListEvents} streams
 * @param commandTimeout how long a dispatched command may wait for its handler's answer
 * @param defaultQueryTimeout query timeout when the request names none
 * @param appendBatchEvents most events the writer commits in one database transaction
 * @param blacklistRefreshInterval after this many skipped (blacklisted) events in a row, one is
 *     sent anyway, so the client's token keeps moving
 * @param flowControlWindow bytes a client may send on a call, and on its connection, before the hub
 *     has taken them (HTTP/2's flow-control windows, held in the transport's direct memory)
 * @param maxCallsPerConnection calls one client connection may have open at once; its further calls
 *     wait (HTTP/2's {@code MAX_CONCURRENT_STREAMS})
 * @param maxOpenReads event reads ({@code ListEvents} streams, {@code ListAggregateEvents} and
 *     {@code ListAggregateSnapshots} calls) one application may have open at once; beyond,
 *     AXONIQ-1900
 * @param maxHandlerStreams command and query handler streams ({@code OpenStream}) one application
 *     may have open at once; beyond, AXONIQ-1900
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
    long appendBufferSize,
    long appendQueueSize,
    Duration appendQueueTimeout,
    Duration databaseTimeout,
    long streamBufferSize,
    int callThreads,
    int eventStreamThreads,
    Duration commandTimeout,
    Duration defaultQueryTimeout,
    int appendBatchEvents,
    int blacklistRefreshInterval,
    int flowControlWindow,
    int maxCallsPerConnection,
    int maxOpenReads,
    int maxHandlerStreams) {

  public HubProperties {
    long share = Math.max(Runtime.getRuntime().maxMemory() / 16, maxTransactionSize);
    appendBufferSize = appendBufferSize > 0 ? appendBufferSize : share;
    appendQueueSize = appendQueueSize > 0 ? appendQueueSize : share;
    require(maxEventSize <= maxMessageSize, "max-event-size must not exceed max-message-size");
    require(
        maxEventSize <= maxTransactionSize, "max-event-size must not exceed max-transaction-size");
    require(
        maxTransactionSize <= appendBufferSize && maxTransactionSize <= appendQueueSize,
        "append-buffer-size and append-queue-size ("
            + appendBufferSize
            + ", "
            + appendQueueSize
            + " bytes) must each hold a transaction of max-transaction-size ("
            + maxTransactionSize
            + " bytes)");
    require(
        positive(appendQueueTimeout) && positive(databaseTimeout),
        "append-queue-timeout and database-timeout must be positive");
    require(
        callThreads > 0 && eventStreamThreads > 0,
        "call-threads and event-stream-threads must be positive");
    require(
        flowControlWindow >= 65_535,
        "flow-control-window must be at least 65535 bytes (HTTP/2's initial window)");
    require(
        maxCallsPerConnection > 0 && maxOpenReads > 0 && maxHandlerStreams > 0,
        "max-calls-per-connection, max-open-reads and max-handler-streams must be positive");
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalStateException("Hub settings (calisera.hub.*): " + problem);
    }
  }

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
