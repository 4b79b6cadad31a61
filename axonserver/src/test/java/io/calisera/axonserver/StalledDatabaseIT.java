package io.calisera.axonserver;

import static io.calisera.axonserver.support.HubClient.await;
import static io.calisera.axonserver.support.HubClient.domainEvent;
import static io.calisera.axonserver.support.HubClient.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.calisera.axonserver.support.HubClient;
import io.calisera.axonserver.support.IntegrityReport;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import io.grpc.Status;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that stalls (a second session holds the lock the writer needs, as a long migration or
 * a stuck transaction would) must not lead to ghost writes: an append whose client gave up is never
 * stored later, and every client is told what is stored. The clients are the stock connector in a
 * unit of work, exactly as a command handler appends. The hub runs with its default timeouts (2 s
 * in the queue, 5 s per statement, below the connector's 10 s); its events are in a PostgreSQL the
 * test owns, so that it can take the lock.
 */
class StalledDatabaseIT {

  private static final Pattern ABANDONED =
      Pattern.compile("(?m)^calisera_hub_transactions_abandoned_total(?:\\{[^}]*})? (\\S+)$");

  @TempDir static Path home;
  static EmbeddedPostgres postgres;
  static HubProcess hub;
  static HubClient client;

  private Connection locker;

  @BeforeAll
  static void startDatabaseAndHub() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    hub =
        HubProcess.start(
            home,
            Map.of(
                "CALISERA_POSTGRES_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "CALISERA_POSTGRES_USER", "postgres",
                "CALISERA_POSTGRES_PASSWORD", ""));
    client = HubClient.connect(hub);
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (hub != null) {
      hub.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @AfterEach
  void releaseTheLock() throws SQLException {
    if (locker != null) {
      locker.rollback();
      locker.close();
      locker = null;
    }
  }

  @Test
  void anAppendWhoseClientGaveUpWhileTheDatabaseStalledIsNeverStoredAndItsRetryIsStoredOnce()
      throws Exception {
    String first = uniqueId("first");
    String gaveUp = uniqueId("gave-up");
    try (var connector = Connector.connect(hub, Duration.ofMillis(1500))) {
      connector.appendInAUnitOfWork(uniqueId("warm-up"), 0);
      stallTheDatabase();
      // the writer takes this one and waits for the lock: the next one waits in the queue
      CompletableFuture<?> firstAnswer = client.append(List.of(domainEvent(first, 0)));
      awaitTheWriterWaitingForTheLock();
      long abandonedBefore = abandonedTransactions();

      Throwable timeout = catchThrowable(() -> connector.appendInAUnitOfWork(gaveUp, 0));

      assertThat(timeout)
          .as("the client gave up after its commit timeout")
          .hasMessageContaining("Timeout");
      // the hub let go of the transaction: the client cancelled it, or it waited too long
      await().atMost(Duration.ofSeconds(10)).until(() -> abandonedTransactions() > abandonedBefore);
      releaseTheLock();

      Throwable firstOutcome = outcome(firstAnswer);
      assertThat(client.highestSequence(first))
          .as("what the first client was told (%s) is what is stored", firstOutcome)
          .isEqualTo(firstOutcome == null ? 0 : -1);
      client.appendAndWait(domainEvent(uniqueId("after"), 0)); // the writer is past the queue
      assertThat(client.highestSequence(gaveUp)).as("never stored").isEqualTo(-1);

      connector.appendInAUnitOfWork(gaveUp, 0);
    }
    assertThat(client.highestSequence(gaveUp)).isZero();
    assertStoredOnceInOrderWithAValidChain(gaveUp);
  }

  @Test
  void anAppendTakenByTheWriterWhileTheDatabaseStallsIsRefusedBeforeItsClientGivesUp()
      throws Exception {
    String stalled = uniqueId("stalled");

    try (var connector = Connector.connect(hub, Duration.ofSeconds(10))) {
      connector.appendInAUnitOfWork(uniqueId("warm-up"), 0);
      stallTheDatabase();
      long started = System.nanoTime();
      Throwable refusal = catchThrowable(() -> connector.appendInAUnitOfWork(stalled, 0));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      releaseTheLock();

      assertThat(Status.fromThrowable(refusal).getCode()).isEqualTo(Status.Code.CANCELLED);
      assertThat(Status.fromThrowable(refusal).getDescription()).startsWith("[AXONIQ-9900] ");
      assertThat(took)
          .as("the hub's database timeout, not the client's commit timeout")
          .isLessThan(Duration.ofSeconds(9));
      client.appendAndWait(domainEvent(uniqueId("after"), 0));
      assertThat(client.highestSequence(stalled)).as("never stored").isEqualTo(-1);

      connector.appendInAUnitOfWork(stalled, 0);
    }
    assertStoredOnceInOrderWithAValidChain(stalled);
  }

  /** A second session holds the events table so that no one else may even read it. */
  private void stallTheDatabase() throws SQLException {
    locker = database();
    locker.setAutoCommit(false);
    locker.createStatement().execute("lock table events in access exclusive mode");
  }

  private void awaitTheWriterWaitingForTheLock() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              try (var connection = database();
                  var rows =
                      connection
                          .createStatement()
                          .executeQuery(
                              "select count(*) from pg_stat_activity where wait_event_type ="
                                  + " 'Lock' and query like 'insert into events%'")) {
                rows.next();
                return rows.getInt(1) == 1;
              }
            });
  }

  private static void assertStoredOnceInOrderWithAValidChain(String aggregate) {
    List<EventWithToken> all = client.readAllEvents();
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).getToken()).as("tokens without gaps").isEqualTo(i);
    }
    assertThat(all)
        .filteredOn(event -> event.getEvent().getAggregateIdentifier().equals(aggregate))
        .as("stored exactly once")
        .hasSize(1);
    IntegrityReport report = IntegrityReport.of(hub);
    assertThat(report.valid()).isTrue();
    assertThat(report.eventsChecked()).isEqualTo(all.size());
  }

  /** The hub's count of appends it let go of unwritten (cancelled, late or refused). */
  private static long abandonedTransactions() {
    Matcher counter = ABANDONED.matcher(hub.get("/actuator/prometheus").body());
    return counter.find() ? (long) Double.parseDouble(counter.group(1)) : 0;
  }

  private static Throwable outcome(CompletableFuture<?> answer) {
    try {
      await(answer);
      return null;
    } catch (RuntimeException failure) {
      return failure;
    }
  }

  private static Connection database() throws SQLException {
    var connection = postgres.getPostgresDatabase().getConnection();
    connection.createStatement().execute("set search_path to axonserver");
    return connection;
  }

  /** The stock Axon Server event store of the connector, as a command handler uses it. */
  private record Connector(AxonServerConnectionManager connections, AxonServerEventStore store)
      implements AutoCloseable {

    static Connector connect(HubProcess hub, Duration commitTimeout) {
      var configuration =
          AxonServerConfiguration.builder()
              .servers(hub.address())
              .token(hub.token(HubApplications.TESTER))
              .componentName("stalled-database-test")
              .clientId(uniqueId("stalled-database-test"))
              .build();
      configuration.setCommitTimeout(Math.toIntExact(commitTimeout.toMillis()));
      var connections =
          AxonServerConnectionManager.builder().axonServerConfiguration(configuration).build();
      connections.start();
      var store =
          AxonServerEventStore.builder()
              .configuration(configuration)
              .platformConnectionManager(connections)
              .eventSerializer(JacksonSerializer.defaultSerializer())
              .snapshotSerializer(JacksonSerializer.defaultSerializer())
              .snapshotFilter(SnapshotFilter.allowAll())
              .build();
      return new Connector(connections, store);
    }

    /**
     * Appends one event of {@code aggregate} in a unit of work, which commits it: the hub's answer
     * or the connector's commit timeout ends it, and either failure rolls the unit of work back.
     */
    void appendInAUnitOfWork(String aggregate, long sequence) {
      var unitOfWork = DefaultUnitOfWork.startAndGet(null);
      store.publish(new GenericDomainEventMessage<>("Account", aggregate, sequence, "opened"));
      unitOfWork.commit();
    }

    @Override
    public void close() {
      connections.shutdown();
    }
  }
}
