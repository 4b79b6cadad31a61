package io.calisera.axonserver.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.zaxxer.hikari.HikariDataSource;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import io.calisera.axonserver.support.TcpRelay;
import io.calisera.postgres.ServiceDatabase;
import io.grpc.Deadline;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's group commit on a real PostgreSQL, one batch at a time: every writer here is new, as
 * after a hub restart, so it knows none of the stored aggregates and presumes that those whose
 * first event in a batch is number 0 are new. These batches are the ones where that presumption is
 * wrong, and the answers must be exactly those of a writer that asked the database first.
 */
class EventWriterIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ChainKey KEY = ChainKey.of(new byte[32]);

  @TempDir Path folder;

  @TempDir static Path home;
  static ServiceDatabase database;
  static DataSource dataSource;

  @BeforeAll
  static void startDatabase() {
    database = ServiceDatabase.open("axonserver", home, setting -> null);
    dataSource = database.dataSource(4);
    Flyway.configure()
        .dataSource(dataSource)
        .schemas("axonserver")
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    ((AutoCloseable) dataSource).close();
    database.close();
  }

  @BeforeEach
  void emptyTheStore() throws SQLException {
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.execute("truncate events");
    }
  }

  @Test
  void anExistingAggregateGivenNumberZeroAgainIsRefusedAndTheRestOfTheBatchStored()
      throws Exception {
    writeAlone(events("x", 0, 3));

    var again = EventWriter.Transaction.of(events("x", 0, 1));
    var fresh = EventWriter.Transaction.of(events("y", 0, 1));
    writeInOneBatch(again, fresh);

    assertRefused(again.outcome(), "for aggregate x, expected 3");
    assertThat(fresh.outcome()).isCompleted().isNotCompletedExceptionally();
    assertThat(stored()).containsExactly("x/0", "x/1", "x/2", "y/0");
  }

  @Test
  void transactionsAcceptedOnlyBecauseOfAWrongPresumptionAreRefused() throws Exception {
    writeAlone(events("x", 0, 3), events("z", 0, 5));

    // x exists, so the first is refused; then z 6 does not follow z's 4 either, and z 5 does
    var withX = EventWriter.Transaction.of(List.of(event("x", 0), event("z", 5)));
    var z6 = EventWriter.Transaction.of(events("z", 6, 1));
    var z5 = EventWriter.Transaction.of(events("z", 5, 1));
    writeInOneBatch(withX, z6, z5);

    assertRefused(withX.outcome(), "for aggregate x, expected 3");
    assertRefused(z6.outcome(), "for aggregate z, expected 5");
    assertThat(z5.outcome()).isCompleted().isNotCompletedExceptionally();
    assertThat(stored())
        .containsExactly("x/0", "x/1", "x/2", "z/0", "z/1", "z/2", "z/3", "z/4", "z/5");
  }

  @Test
  void transactionsRefusedOnlyBecauseOfAWrongPresumptionAreAccepted() throws Exception {
    writeAlone(events("x", 0, 3));

    // refused for y, which is really unknown; its x 0 must not make x look new to the next one
    var withY = EventWriter.Transaction.of(List.of(event("x", 0), event("y", 3)));
    var x3 = EventWriter.Transaction.of(events("x", 3, 1));
    writeInOneBatch(withY, x3);

    assertRefused(withY.outcome(), "for aggregate x, expected 3");
    assertThat(x3.outcome()).isCompleted().isNotCompletedExceptionally();
    assertThat(stored()).containsExactly("x/0", "x/1", "x/2", "x/3");
  }

  @Test
  void aBatchOfLargeEventsIsStoredAsItArrivedWithAValidChain() throws Exception {
    // more than EventTable.ARRAY_BYTES: each event goes as a parameter of its own
    var two = EventWriter.Transaction.of(List.of(large("big", 0), large("big", 1)));
    var one = EventWriter.Transaction.of(List.of(large("other", 0)));
    writeInOneBatch(two, one);

    assertThat(two.outcome()).isCompleted().isNotCompletedExceptionally();
    assertThat(stored()).containsExactly("big/0", "big/1", "other/0");
    var table = new EventTable(dataSource, TIMEOUT.toMillis());
    assertThat(table.readAggregate("big", 0, Long.MAX_VALUE, 10, 10 << 20).events())
        .containsExactly(large("big", 0), large("big", 1));
    try (var store = openStore()) {
      assertThat(store.verifyIntegrity())
          .extracting("eventsChecked", "valid", "firstInvalidPosition", "headPosition")
          .containsExactly(3L, true, null, 2L);
    }
  }

  private static Event large(String aggregate, long sequence) {
    return event(aggregate, sequence).toBuilder()
        .setPayload(
            SerializedObject.newBuilder()
                .setType("Large")
                .setData(ByteString.copyFromUtf8(Long.toString(sequence).repeat(200_000))))
        .build();
  }

  @Test
  void newAggregatesAreStoredWithConsecutiveTokensAndAValidChain() throws Exception {
    writeAlone(events("a", 0, 2));
    var b = EventWriter.Transaction.of(events("b", 0, 2));
    var c = EventWriter.Transaction.of(events("c", 0, 1));
    writeInOneBatch(b, c, EventWriter.Transaction.of(events("a", 2, 1)));

    assertThat(stored()).containsExactly("a/0", "a/1", "b/0", "b/1", "c/0", "a/2");
    try (var store = openStore()) {
      assertThat(store.verifyIntegrity())
          .extracting("eventsChecked", "valid", "firstInvalidPosition", "headPosition")
          .containsExactly(6L, true, null, 5L);
    }
  }

  @Test
  void aStoreChainedWithoutAKeyKeepsVerifyingAndIsKeyedFromItsHeadOn() throws Exception {
    // as a hub of before the key wrote them: every link plain SHA-256
    try (var old = newWriter(new DigestChain(KEY, Long.MAX_VALUE))) {
      old.write(List.of(EventWriter.Transaction.of(events("old", 0, 5))));
    }
    try (var store = openStore()) {
      assertThat(store.verifyIntegrity().valid()).isTrue();
      assertThat(Files.readString(folder.resolve("checkpoint")))
          .contains("keyed-from 5\n", "position 4\n");
      var more = events("new", 0, 3);
      store
          .append(more, more.stream().map(Event::toByteArray).toList(), 0, null)
          .outcome()
          .get(10, TimeUnit.SECONDS);
      assertThat(store.verifyIntegrity())
          .extracting("eventsChecked", "valid", "firstInvalidPosition")
          .containsExactly(8L, true, null);
    }
    assertThat(digestAt(4)).isEqualTo(new DigestChain(KEY, 5).next(digestAt(3), 4, eventAt(4)));
    assertThat(digestAt(5)).isEqualTo(new DigestChain(KEY, 0).next(digestAt(4), 5, eventAt(5)));

    // an old event rewritten, with the unkeyed links after it: the first keyed link catches it
    Event forged = Event.parseFrom(eventAt(2)).toBuilder().setTimestamp(7).build();
    try (var connection = dataSource.getConnection();
        var update =
            connection.prepareStatement(
                "update events set event = ?, digest = ?,"
                    + " event_time = case when token = 2 then 7 else event_time end"
                    + " where token = ?")) {
      byte[] previous = digestAt(1);
      var unkeyed = new DigestChain(KEY, Long.MAX_VALUE);
      for (long token = 2; token <= 4; token++) {
        byte[] bytes = token == 2 ? forged.toByteArray() : eventAt(token);
        previous = unkeyed.next(previous, token, bytes);
        update.setBytes(1, bytes);
        update.setBytes(2, previous);
        update.setLong(3, token);
        update.executeUpdate();
      }
    }
    try (var store = openStore()) {
      assertThat(store.verifyIntegrity())
          .extracting("valid", "firstInvalidPosition")
          .containsExactly(false, 5L);
    }
  }

  @Test
  void aStoreCutShortBeforeItsCheckpointRefusesAppendsAndIsInvalidAtItsFirstMissingEvent()
      throws Exception {
    try (var store = openStore()) {
      var events = events("cut", 0, 6);
      store
          .append(events, events.stream().map(Event::toByteArray).toList(), 0, null)
          .outcome()
          .get(10, TimeUnit.SECONDS);
    }
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.executeUpdate("delete from events where token >= 4");
    }
    try (var store = openStore()) {
      assertThat(store.verifyIntegrity())
          .extracting("valid", "firstInvalidPosition", "headPosition")
          .containsExactly(false, 4L, 3L);
      var late = events("cut", 4, 1);
      assertThatThrownBy(
              () ->
                  store
                      .append(late, late.stream().map(Event::toByteArray).toList(), 0, null)
                      .outcome()
                      .get(10, TimeUnit.SECONDS))
          .hasMessageContaining("does not continue the hub's last signed checkpoint");
    }
    assertThat(Files.readString(folder.resolve("checkpoint")))
        .as("no newer checkpoint hides the cut")
        .contains("position 5\n");
  }

  private static byte[] eventAt(long token) throws SQLException {
    return column("event", token);
  }

  private static byte[] digestAt(long token) throws SQLException {
    return column("digest", token);
  }

  private static byte[] column(String column, long token) throws SQLException {
    try (var connection = dataSource.getConnection();
        var select =
            connection.prepareStatement("select " + column + " from events where token = ?")) {
      select.setLong(1, token);
      try (var rows = select.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getBytes(1);
      }
    }
  }

  @Test
  void aBatchWhoseWriteFailsAnswersEveryTransactionAndTheWriterRecovers() throws Exception {
    try (var writer = newWriter()) {
      writer.write(List.of(EventWriter.Transaction.of(events("k", 0, 1))));
      killOtherSessions(); // the writer's connection among them

      var follows = EventWriter.Transaction.of(events("k", 1, 1));
      var refused = EventWriter.Transaction.of(events("k", 1, 1)); // refused: follows takes 1
      writer.write(List.of(follows, refused));

      for (var transaction : List.of(follows, refused)) {
        assertThatThrownBy(() -> transaction.outcome().get(0, TimeUnit.SECONDS))
            .satisfies(
                e ->
                    assertThat(Status.fromThrowable(e.getCause()).getDescription())
                        .startsWith("[AXONIQ-9900]"));
      }
      var again = EventWriter.Transaction.of(events("k", 1, 1));
      writer.write(List.of(again));
      assertThat(again.outcome()).isCompleted().isNotCompletedExceptionally();
    }
    assertThat(stored()).containsExactly("k/0", "k/1");
  }

  @Test
  void aBatchWaitingForALockLongerThanTheDatabaseTimeoutIsRefusedAndNothingOfItStored()
      throws Exception {
    try (var writer = newWriter(dataSource, limits(Duration.ofSeconds(1), 1 << 20));
        var locker = dataSource.getConnection()) {
      locker.setAutoCommit(false);
      locker.createStatement().execute("lock table events in access exclusive mode");
      var stalled = EventWriter.Transaction.of(events("s", 0, 2));

      long started = System.nanoTime();
      writer.write(List.of(stalled));
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      locker.rollback();

      assertNotStored(stalled.outcome(), "Not stored");
      assertThat(tookMillis).as("answered after the statement timeout").isBetween(900L, 4_000L);
      var retry = EventWriter.Transaction.of(events("s", 0, 2));
      writer.write(List.of(retry));
      assertThat(retry.outcome()).isCompleted().isNotCompletedExceptionally();
    }
    assertThat(stored()).containsExactly("s/0", "s/1");
  }

  @Test
  void aBatchWhoseAnswerIsLostAfterItsCommitIsFoundStoredAndTheTokensFollowOn() throws Exception {
    int port;
    String user;
    try (var connection = dataSource.getConnection();
        var rows =
            connection.createStatement().executeQuery("select inet_server_port(), current_user")) {
      rows.next();
      port = rows.getInt(1);
      user = rows.getString(2);
    }
    try (var relay = TcpRelay.to(port);
        var relayed = new HikariDataSource()) {
      relayed.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + relay.port() + "/postgres");
      relayed.setUsername(user);
      relayed.setPassword(
          Files.readString(home.resolve("secrets").resolve("postgres-axonserver.password")));
      relayed.setSchema("axonserver");
      relayed.setMaximumPoolSize(2);
      try (var writer = newWriter(relayed, limits(Duration.ofSeconds(1), 1 << 20))) {
        writer.write(List.of(EventWriter.Transaction.of(events("a", 0, 2))));
        relay.loseAnswersAfter("insert into events");

        var lost = EventWriter.Transaction.of(events("b", 0, 2));
        writer.write(List.of(lost));

        assertThat(lost.outcome())
            .as("stored, so confirmed, although the commit's answer never came")
            .isCompleted()
            .isNotCompletedExceptionally();
        var next = EventWriter.Transaction.of(List.of(event("a", 2), event("b", 2)));
        writer.write(List.of(next));
        assertThat(next.outcome()).isCompleted().isNotCompletedExceptionally();
      }
    }
    assertThat(stored()).containsExactly("a/0", "a/1", "b/0", "b/1", "a/2", "b/2");
    try (var store = openStore()) {
      assertThat(store.verifyIntegrity())
          .extracting("eventsChecked", "valid", "firstInvalidPosition", "headPosition")
          .containsExactly(6L, true, null, 5L);
    }
  }

  @Test
  void aTransactionAbandonedBeforeTheWriterTookItIsNeverWrittenAndATakenOneCannotBeAbandoned()
      throws Exception {
    try (var writer = newWriter()) {
      var abandoned = EventWriter.Transaction.of(events("g", 0, 1));
      var kept = EventWriter.Transaction.of(events("h", 0, 1));

      writer.abandon(abandoned);
      writer.write(List.of(abandoned, kept));
      writer.abandon(kept);

      assertNotStored(abandoned.outcome(), "Cancelled by the client");
      assertThat(kept.outcome()).isCompleted().isNotCompletedExceptionally();
    }
    assertThat(stored()).containsExactly("h/0");
  }

  @Test
  void aQueuedTransactionPastItsDeadlineIsAnsweredAndNeverWritten() throws Exception {
    try (var writer = newWriter()) {
      var late = writer.append(events("q", 0, 1), 1_000, Deadline.after(1, TimeUnit.MILLISECONDS));
      var onTime = writer.append(events("r", 0, 1), 1_000, null);
      Thread.sleep(20);

      writer.expireOverdue();

      assertNotStored(late.outcome(), "did not get to the transaction in time");
      assertThat(onTime.outcome()).as("its time has not come").isNotDone();
      writer.write(List.of(late, onTime));
      assertThat(onTime.outcome()).isCompleted().isNotCompletedExceptionally();
    }
    assertThat(stored()).containsExactly("r/0");
  }

  @Test
  void appendsBeyondTheQueuesByteLimitAreRefusedWithAxoniq1900UntilItHasRoomAgain()
      throws Exception {
    try (var writer = newWriter(dataSource, limits(TIMEOUT, 2_500))) {
      var first = writer.append(events("m", 0, 1), 2_000, null);

      var refused = writer.append(events("n", 0, 1), 1_000, null);
      writer.abandon(first);
      var later = writer.append(events("n", 0, 1), 1_000, null);

      assertThatThrownBy(() -> refused.outcome().get(0, TimeUnit.SECONDS))
          .satisfies(
              e -> {
                Status status = Status.fromThrowable(e.getCause());
                assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(status.getDescription()).startsWith("[AXONIQ-1900]");
              });
      assertThat(later.outcome()).as("queued: the abandoned one made room").isNotDone();
    }
  }

  private static void assertNotStored(CompletableFuture<Void> outcome, String message) {
    assertThatThrownBy(() -> outcome.get(0, TimeUnit.SECONDS))
        .satisfies(
            e -> {
              Status status = Status.fromThrowable(e.getCause());
              assertThat(status.getCode()).isEqualTo(Status.Code.CANCELLED);
              assertThat(status.getDescription()).startsWith("[AXONIQ-9900]").contains(message);
            });
  }

  /** One batch written by a writer that starts knowing nothing, as after a restart. */
  private static void writeInOneBatch(EventWriter.Transaction... batch) throws Exception {
    try (var writer = newWriter()) {
      writer.write(List.of(batch));
    }
  }

  private static void writeAlone(List<Event>... transactions) throws Exception {
    List<EventWriter.Transaction> batch = new ArrayList<>();
    for (List<Event> events : transactions) {
      batch.add(EventWriter.Transaction.of(events));
    }
    try (var writer = newWriter()) {
      writer.write(batch);
    }
    for (EventWriter.Transaction transaction : batch) {
      transaction.outcome().get(0, TimeUnit.SECONDS);
    }
  }

  private static EventWriter newWriter() throws SQLException {
    return newWriter(dataSource, limits(TIMEOUT, 1 << 20));
  }

  private static EventWriter newWriter(DigestChain digests) throws SQLException {
    return newWriter(dataSource, limits(TIMEOUT, 1 << 20), digests);
  }

  private static EventWriter newWriter(DataSource dataSource, EventWriter.Limits limits)
      throws SQLException {
    return newWriter(dataSource, limits, new DigestChain(KEY, 0));
  }

  /** The store over what the writer wrote, with a checkpoint file of this test's. */
  private EventStore openStore() {
    return EventStore.open(
        dataSource,
        new EventStore.Limits(100, 1 << 20, 1 << 20, Duration.ofSeconds(5), TIMEOUT, 1 << 20),
        new EventStore.Evidence(
            KEY, folder.resolve("checkpoint"), Duration.ofMinutes(1), Clock.systemUTC()),
        timer,
        new SimpleMeterRegistry());
  }

  private static EventWriter.Limits limits(Duration databaseTimeout, long queueBytes) {
    return new EventWriter.Limits(100, 1 << 20, queueBytes, Duration.ofSeconds(5), databaseTimeout);
  }

  private static EventWriter newWriter(
      DataSource dataSource, EventWriter.Limits limits, DigestChain digests) throws SQLException {
    long head;
    try (var connection = dataSource.getConnection()) {
      EventTable.Head last = EventTable.head(connection, TIMEOUT.toMillis());
      head = last == null ? -1 : last.token();
    }
    var log = new EventLog(new EventTable(dataSource, TIMEOUT.toMillis()), head, 100, 1 << 20);
    return EventWriter.open(dataSource, log, digests, limits, new SimpleMeterRegistry());
  }

  private static void assertRefused(CompletableFuture<Void> outcome, String message) {
    assertThatThrownBy(() -> outcome.get(0, TimeUnit.SECONDS))
        .satisfies(
            e -> {
              Status status = Status.fromThrowable(e.getCause());
              assertThat(status.getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
              assertThat(status.getDescription()).startsWith("[AXONIQ-2000]").contains(message);
            });
  }

  private static void killOtherSessions() throws SQLException {
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.execute(
          "select pg_terminate_backend(pid) from pg_stat_activity"
              + " where pid <> pg_backend_pid() and datname = current_database()");
    }
  }

  /** "aggregate/sequence" of every stored event, in token order; tokens must run 0, 1, 2, ... */
  private static List<String> stored() throws SQLException {
    List<String> found = new ArrayList<>();
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "select token, aggregate_id, aggregate_seq from events order by token")) {
      while (rows.next()) {
        assertThat(rows.getLong(1)).isEqualTo(found.size());
        found.add(rows.getString(2) + "/" + rows.getLong(3));
      }
    }
    return found;
  }

  private static List<Event> events(String aggregate, long first, int count) {
    List<Event> events = new ArrayList<>();
    for (long sequence = first; sequence < first + count; sequence++) {
      events.add(event(aggregate, sequence));
    }
    return events;
  }

  private static Event event(String aggregate, long sequence) {
    return Event.newBuilder()
        .setMessageIdentifier(aggregate + "-" + sequence)
        .setAggregateIdentifier(aggregate)
        .setAggregateType("Account")
        .setAggregateSequenceNumber(sequence)
        .setTimestamp(1_795_564_800_000L)
        .setPayload(
            SerializedObject.newBuilder()
                .setType("Opened")
                .setData(ByteString.copyFromUtf8("{\"n\":" + sequence + "}")))
        .build();
  }
}
