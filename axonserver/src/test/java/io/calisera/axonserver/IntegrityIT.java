package io.calisera.axonserver;

import static io.calisera.axonserver.support.HubClient.domainEvent;
import static io.calisera.axonserver.support.HubClient.plainEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.event.Event;
import io.calisera.axonserver.support.HubClient;
import io.calisera.axonserver.support.IntegrityReport;
import io.calisera.testing.HubProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest chain catches changes made behind the hub's back. The hub stores its events in a
 * PostgreSQL the test owns (through {@code CALISERA_POSTGRES_URL}), so that the test can change
 * rows with plain SQL, as someone with database access could. Each test restores what it changed.
 */
class IntegrityIT {

  /** Tokens 0..19; token 7 is a domain event in the middle. */
  private static final int EVENTS = 20;

  private static final int TAMPERED = 7;

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
                "CALISERA_POSTGRES_PASSWORD", ""));
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
  void aForgerWhoAlsoRewritesTheDigestIsCaughtByTheNextLink() throws Exception {
    byte[] original = eventBytes(TAMPERED);
    byte[] originalDigest = digest(TAMPERED);
    Event event = Event.parseFrom(original);
    byte[] forged =
        event.toBuilder()
            .putMetaData("forged", MetaDataValue.newBuilder().setTextValue("yes").build())
            .build()
            .toByteArray();
    try {
      setEventBytes(TAMPERED, forged);
      setDigest(TAMPERED, chainDigest(digest(TAMPERED - 1), TAMPERED, forged));

      assertInvalidAt(TAMPERED + 1);
    } finally {
      setEventBytes(TAMPERED, original);
      setDigest(TAMPERED, originalDigest);
    }
    assertThat(IntegrityReport.of(hub).valid()).as("restored").isTrue();
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

  /** The documented chain: SHA-256 over the previous digest, the token (8 bytes) and the event. */
  private static byte[] chainDigest(byte[] previous, long token, byte[] event) throws Exception {
    var sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(previous);
    sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(token).array());
    sha256.update(event);
    return sha256.digest();
  }
}
