package io.calisera.axonserver;

import static io.calisera.axonserver.support.HubClient.domainEvent;
import static io.calisera.axonserver.support.HubClient.plainEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.event.GetAggregateSnapshotsRequest;
import io.calisera.axonserver.support.HubClient;
import io.calisera.axonserver.support.IntegrityReport;
import io.calisera.testing.HubProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyed chain, the signed checkpoints and the snapshots' seals catch changes made behind the
 * hub's back, even by someone who can rewrite the event tables and knows how the chain is made, but
 * not the hub's key (decision 0015). The hub stores its events in a PostgreSQL the test owns
 * (through {@code CALISERA_POSTGRES_URL}), so that the test can change rows with plain SQL, as
 * someone with database access could. Each test restores what it changed.
 */
class IntegrityIT {

  /** Tokens 0..19; token 7 is a domain event in the middle. */
  private static final int EVENTS = 20;

  private static final int TAMPERED = 7;

  /** The hub runs on the machine's clock, so the test reads the same one. */
  private static final Clock MACHINE = Clock.systemUTC();

  private static final Instant STARTED = Instant.now(MACHINE);

  @TempDir static Path home;
  static EmbeddedPostgres postgres;
  static HubProcess hub;

  @BeforeAll
  static void startDatabaseAndHub() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    hub =
        HubProcess.start(
            home,
            Map.of(
                "CALISERA_POSTGRES_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "CALISERA_POSTGRES_USER", "postgres",
                "CALISERA_POSTGRES_PASSWORD", ""),
            "--calisera.hub.integrity.checkpoint-interval=100ms");
    try (var client = HubClient.connect(hub)) {
      for (int i = 0; i < EVENTS / 4; i++) {
        String aggregate = "integrity-" + i;
        client.appendAndWait(
            domainEvent(aggregate, 0, 1_000 * i),
            domainEvent(aggregate, 1, 1_000 * i + 1),
            plainEvent(1_000 * i + 2));
        client.appendAndWait(domainEvent(aggregate, 2, 1_000 * i + 3));
      }
      assertThat(client.lastToken()).isEqualTo(EVENTS - 1);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> checkpointPosition() == EVENTS - 1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (hub != null) {
      hub.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void anUntamperedStoreIsValidAndEveryEventIsChecked() throws Exception {
    IntegrityReport report = IntegrityReport.of(hub);

    assertThat(report.valid()).isTrue();
    assertThat(report.eventsChecked()).isEqualTo(EVENTS);
    assertThat(report.firstInvalidPosition()).isNull();
    assertThat(report.headPosition()).isEqualTo(EVENTS - 1);
    assertThat(report.lastCheckpointPosition()).isEqualTo(EVENTS - 1);
    assertThat(report.lastCheckpointAt()).isBetween(STARTED, Instant.now(MACHINE));
    Path key = home.resolve("secrets/hub-chain.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(key).strip()).matches("[0-9a-f]{64}");
    assertThat(Files.readString(hub.log())).doesNotContain(Files.readString(key).strip());
    try (var connection = database();
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "select count(*) from pg_stats where schemaname = 'axonserver'"
                        + " and attname like '%key%'")) {
      rows.next();
      assertThat(rows.getLong(1)).as("no key column in the database").isZero();
    }
    assertThat(Files.readString(hub.log()))
        .contains("axonserver: external PostgreSQL at jdbc:postgresql://");
    try (var connection = database();
        var rows = connection.createStatement().executeQuery("select count(*) from events")) {
      rows.next();
      assertThat(rows.getLong(1)).as("the events are in the test's database").isEqualTo(EVENTS);
    }
  }

  @Test
  void changedEventBytesAreDetectedAtTheirToken() throws Exception {
    byte[] original = eventBytes(TAMPERED);
    Event event = Event.parseFrom(original);
    assertThat(event.getAggregateType()).isNotEmpty();
    // a plausible forgery: same identity, columns still matching, only the payload changed
    byte[] forged =
        event.toBuilder()
            .setPayload(
                event.toBuilder().getPayload().toBuilder()
                    .setData(ByteString.copyFrom("a much larger amount", StandardCharsets.UTF_8)))
            .build()
            .toByteArray();
    try {
      setEventBytes(TAMPERED, forged);

      assertInvalidAt(TAMPERED);
    } finally {
      setEventBytes(TAMPERED, original);
    }
    assertThat(IntegrityReport.of(hub).valid()).as("restored").isTrue();
  }

  @Test
  void aForgerWhoRecomputesTheWholeUnkeyedChainOverAnEditIsCaughtAtTheEdit() throws Exception {
    byte[] original = eventBytes(TAMPERED);
    byte[][] originalDigests = new byte[EVENTS][];
    for (int token = 0; token < EVENTS; token++) {
      originalDigests[token] = digest(token);
    }
    Event event = Event.parseFrom(original);
    byte[] forged =
        event.toBuilder()
            .putMetaData("forged", MetaDataValue.newBuilder().setTextValue("yes").build())
            .build()
            .toByteArray();
    try {
      setEventBytes(TAMPERED, forged);
      // every link from the edit on, as the chain was made before it had a key
      byte[] previous = digest(TAMPERED - 1);
      for (int token = TAMPERED; token < EVENTS; token++) {
        previous = chainDigest(previous, token, eventBytes(token));
        setDigest(token, previous);
      }

      assertInvalidAt(TAMPERED);
    } finally {
      setEventBytes(TAMPERED, original);
      for (int token = 0; token < EVENTS; token++) {
        setDigest(token, originalDigests[token]);
      }
    }
    assertThat(IntegrityReport.of(hub).valid()).as("restored").isTrue();
  }

  @Test
  void twoSwappedEventsAreDetectedAtTheFirst() throws Exception {
    try (var connection = database();
        var statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.executeUpdate("update events set token = -1 where token = " + TAMPERED);
      statement.executeUpdate(
          "update events set token = " + TAMPERED + " where token = " + (TAMPERED + 1));
      statement.executeUpdate("update events set token = " + (TAMPERED + 1) + " where token = -1");
      connection.commit();
      try {
        assertInvalidAt(TAMPERED);
      } finally {
        statement.executeUpdate("update events set token = -1 where token = " + TAMPERED);
        statement.executeUpdate(
            "update events set token = " + TAMPERED + " where token = " + (TAMPERED + 1));
        statement.executeUpdate(
            "update events set token = " + (TAMPERED + 1) + " where token = -1");
        connection.commit();
      }
    }
    assertThat(IntegrityReport.of(hub).valid()).as("restored").isTrue();
  }

  @Test
  void aHistoryCutShortAfterACheckpointIsInvalidAtItsFirstMissingEventAfterARestart()
      throws Exception {
    Row last = delete(EVENTS - 1);
    Row beforeLast = delete(EVENTS - 2);
    try {
      hub.stop();
      hub.start();

      assertInvalidAt(EVENTS - 2);
      assertThat(IntegrityReport.of(hub).lastCheckpointPosition()).isEqualTo(EVENTS - 1);
      assertThat(Files.readString(hub.log()))
          .contains("The event history ends at token " + (EVENTS - 3))
          .contains("The hub refuses appends");
      try (var client = HubClient.connect(hub)) {
        assertThatThrownBy(() -> client.appendAndWait(plainEvent(99_000)))
            .as("nothing is built on a history cut short")
            .hasMessageContaining("does not continue the hub's last signed checkpoint");
      }
    } finally {
      insert(beforeLast);
      insert(last);
      hub.stop();
      hub.start();
    }
    assertThat(IntegrityReport.of(hub).valid()).as("restored").isTrue();
    try (var client = HubClient.connect(hub)) {
      assertThat(client.lastToken()).isEqualTo(EVENTS - 1);
    }
  }

  @Test
  void aSnapshotChangedOrMadeInTheDatabaseIsRefused() throws Exception {
    String aggregate = "integrity-0";
    Event snapshot =
        domainEvent(aggregate, 2).toBuilder()
            .setAggregateType("Account")
            .setPayload(HubClient.payload("io.calisera.test.AccountState", "balance 3"))
            .build();
    try (var client = HubClient.connect(hub)) {
      assertThat(client.events().appendSnapshot(snapshot).getSuccess()).isTrue();
      assertThat(snapshots(client, aggregate)).containsExactly(2L);
      assertThat(aggregateEventsWithSnapshots(client, aggregate)).containsExactly(2L);
      byte[] stored = snapshotBytes(aggregate, 2);
      try {
        Event forged =
            Event.parseFrom(stored).toBuilder()
                .setPayload(HubClient.payload("io.calisera.test.AccountState", "balance 1000000"))
                .build();
        setSnapshotBytes(aggregate, 2, forged.toByteArray());

        assertThat(snapshots(client, aggregate)).as("changed in the database").isEmpty();
        assertThat(aggregateEventsWithSnapshots(client, aggregate))
            .as("the aggregate loads from its events instead")
            .containsExactly(0L, 1L, 2L);
      } finally {
        setSnapshotBytes(aggregate, 2, stored);
      }
      assertThat(snapshots(client, aggregate)).as("restored").containsExactly(2L);

      // made in the database, with the seal of another snapshot
      try (var connection = database();
          var insert =
              connection.prepareStatement(
                  "insert into snapshots (aggregate_id, aggregate_seq, event, seal)"
                      + " select aggregate_id, 1, event, seal from snapshots"
                      + " where aggregate_id = ? and aggregate_seq = 2")) {
        insert.setString(1, aggregate);
        assertThat(insert.executeUpdate()).isOne();
      }
      assertThat(
              client
                  .events()
                  .listAggregateSnapshots(
                      GetAggregateSnapshotsRequest.newBuilder()
                          .setAggregateId(aggregate)
                          .setMaxSequence(1)
                          .build()))
          .toIterable()
          .as("a seal moved to another sequence")
          .isEmpty();
      try (var connection = database();
          var statement = connection.createStatement()) {
        statement.executeUpdate(
            "delete from snapshots where aggregate_id = '" + aggregate + "' and aggregate_seq = 1");
      }
    }
    assertThat(Files.readString(hub.log()))
        .contains(
            "The snapshot of aggregate integrity-0 at sequence 2 does not carry the hub's seal");
  }

  @Test
  void aDeletedEventIsDetectedAtItsToken() throws Exception {
    Row removed = delete(TAMPERED);
    try {
      assertInvalidAt(TAMPERED);
    } finally {
      insert(removed);
    }
    assertThat(IntegrityReport.of(hub).valid()).as("restored").isTrue();
  }

  @Test
  void aDeletedLastEventIsDetected() throws Exception {
    Row removed = delete(EVENTS - 1);
    try {
      assertInvalidAt(EVENTS - 1);
    } finally {
      insert(removed);
    }
    assertThat(IntegrityReport.of(hub).valid()).as("restored").isTrue();
  }

  @Test
  void aChangedAggregateSequenceIsDetectedAtItsToken() throws Exception {
    try (var connection = database();
        var statement = connection.createStatement()) {
      try {
        assertThat(
                statement.executeUpdate(
                    "update events set aggregate_seq = aggregate_seq + 1000 where token = "
                        + TAMPERED))
            .isOne();

        assertInvalidAt(TAMPERED);
      } finally {
        statement.executeUpdate(
            "update events set aggregate_seq = aggregate_seq - 1000 where token = " + TAMPERED);
      }
    }
    assertThat(IntegrityReport.of(hub).valid()).as("restored").isTrue();
  }

  private static List<Long> snapshots(HubClient client, String aggregate) {
    var sequences = new ArrayList<Long>();
    client
        .events()
        .listAggregateSnapshots(
            GetAggregateSnapshotsRequest.newBuilder()
                .setAggregateId(aggregate)
                .setMaxSequence(Long.MAX_VALUE)
                .build())
        .forEachRemaining(snapshot -> sequences.add(snapshot.getAggregateSequenceNumber()));
    return sequences;
  }

  /** What Axon's event sourcing repository reads: the newest snapshot, then the later events. */
  private static List<Long> aggregateEventsWithSnapshots(HubClient client, String aggregate) {
    var sequences = new ArrayList<Long>();
    client
        .events()
        .listAggregateEvents(
            GetAggregateEventsRequest.newBuilder()
                .setAggregateId(aggregate)
                .setAllowSnapshots(true)
                .build())
        .forEachRemaining(event -> sequences.add(event.getAggregateSequenceNumber()));
    return sequences;
  }

  private static byte[] snapshotBytes(String aggregate, long sequence) throws SQLException {
    try (var connection = database();
        var select =
            connection.prepareStatement(
                "select event from snapshots where aggregate_id = ? and aggregate_seq = ?")) {
      select.setString(1, aggregate);
      select.setLong(2, sequence);
      try (var rows = select.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getBytes(1);
      }
    }
  }

  private static void setSnapshotBytes(String aggregate, long sequence, byte[] bytes)
      throws SQLException {
    try (var connection = database();
        var update =
            connection.prepareStatement(
                "update snapshots set event = ? where aggregate_id = ? and aggregate_seq = ?")) {
      update.setBytes(1, bytes);
      update.setString(2, aggregate);
      update.setLong(3, sequence);
      assertThat(update.executeUpdate()).isOne();
    }
  }

  /** The position of the hub's last checkpoint, from its file. */
  private static long checkpointPosition() throws IOException {
    Path file = home.resolve("axonserver/checkpoint");
    if (!Files.exists(file)) {
      return -2;
    }
    return Files.readAllLines(file).stream()
        .filter(line -> line.startsWith("position "))
        .mapToLong(line -> Long.parseLong(line.substring("position ".length())))
        .findFirst()
        .orElse(-2);
  }

  private static void assertInvalidAt(long token) {
    IntegrityReport report = IntegrityReport.of(hub);
    assertThat(report.valid()).isFalse();
    assertThat(report.firstInvalidPosition()).isEqualTo(token);
  }

  private static Connection database() throws SQLException {
    var connection = postgres.getPostgresDatabase().getConnection();
    connection.createStatement().execute("set search_path to axonserver");
    return connection;
  }

  private static byte[] eventBytes(long token) throws SQLException {
    return column("event", token);
  }

  private static byte[] digest(long token) throws SQLException {
    return column("digest", token);
  }

  private static byte[] column(String column, long token) throws SQLException {
    try (var connection = database();
        var statement =
            connection.prepareStatement("select " + column + " from events where token = ?")) {
      statement.setLong(1, token);
      try (var rows = statement.executeQuery()) {
        assertThat(rows.next()).as("row %d", token).isTrue();
        return rows.getBytes(1);
      }
    }
  }

  /** A row of the events table, as it was. */
  private record Row(
      long token, String aggregateId, Long sequence, long eventTime, byte[] event, byte[] digest) {}

  private static Row delete(long token) throws SQLException {
    try (var connection = database()) {
      connection.setAutoCommit(false);
      Row row;
      try (var select =
          connection.prepareStatement(
              "select aggregate_id, aggregate_seq, event_time, event, digest from events"
                  + " where token = ?")) {
        select.setLong(1, token);
        try (var rows = select.executeQuery()) {
          assertThat(rows.next()).as("row %d", token).isTrue();
          row =
              new Row(
                  token,
                  rows.getString(1),
                  rows.getObject(2, Long.class),
                  rows.getLong(3),
                  rows.getBytes(4),
                  rows.getBytes(5));
        }
      }
      try (var delete = connection.prepareStatement("delete from events where token = ?")) {
        delete.setLong(1, token);
        assertThat(delete.executeUpdate()).isOne();
      }
      connection.commit();
      return row;
    }
  }

  private static void insert(Row row) throws SQLException {
    try (var connection = database();
        var insert =
            connection.prepareStatement(
                "insert into events (token, aggregate_id, aggregate_seq, event_time, event, digest)"
                    + " values (?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, row.token());
      insert.setString(2, row.aggregateId());
      insert.setObject(3, row.sequence());
      insert.setLong(4, row.eventTime());
      insert.setBytes(5, row.event());
      insert.setBytes(6, row.digest());
      assertThat(insert.executeUpdate()).isOne();
    }
  }

  private static void setEventBytes(long token, byte[] bytes) throws SQLException {
    set("event", token, bytes);
  }

  private static void setDigest(long token, byte[] digest) throws SQLException {
    set("digest", token, digest);
  }

  private static void set(String column, long token, byte[] value) throws SQLException {
    try (var connection = database();
        var statement =
            connection.prepareStatement("update events set " + column + " = ? where token = ?")) {
      statement.setBytes(1, value);
      statement.setLong(2, token);
      assertThat(statement.executeUpdate()).isOne();
    }
  }

  /**
   * The chain as it was before it had a key, and as anyone who reads the code can compute it:
   * SHA-256 over the previous digest, the token (8 bytes) and the event.
   */
  private static byte[] chainDigest(byte[] previous, long token, byte[] event) throws Exception {
    var sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(previous);
    sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(token).array());
    sha256.update(event);
    return sha256.digest();
  }
}
