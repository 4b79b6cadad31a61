package io.calisera.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * A table shaped like the hub's {@code events} (same columns, keys and indexes), written and read
 * with plain JDBC and nothing in between: the limit of this machine. Rows carry real serialized
 * events, taken from a pool prepared up front so that the writing thread spends no time on
 * serializing.
 */
final class RawTable {

  static final String DDL =
      """
      create table raw_events (
          token         bigint primary key,
          aggregate_id  text,
          aggregate_seq bigint,
          event_time    bigint not null,
          event         bytea  not null,
          digest        bytea  not null
      );
      create unique index raw_events_aggregate_seq on raw_events (aggregate_id, aggregate_seq)
          where aggregate_id is not null;
      create index raw_events_event_time on raw_events using brin (event_time);
      """;

  static final String INSERT =
      "insert into raw_events (token, aggregate_id, aggregate_seq, event_time, event, digest)"
          + " values (?, ?, ?, ?, ?, ?)";

  static final String READ =
      "select token, aggregate_id, aggregate_seq, event_time, event, digest from raw_events"
          + " where token > ? order by token limit ?";

  private static final byte[] COPY_SIGNATURE =
      "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final int POOL = 8192;

  private final byte[][] events = new byte[POOL][];
  private final byte[][] digests = new byte[POOL][];
  private long nextToken;

  RawTable() {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < POOL; i++) {
      events[i] = SampleEvents.protoEvent("pool-" + i / 10, i % 10).toByteArray();
      digests[i] = sha256.digest(events[i]);
    }
  }

  static void create(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute(DDL);
    }
  }

  /** Sets the parameters of {@link #INSERT} for the next token. */
  void bind(PreparedStatement insert, String aggregateId, long sequence) throws SQLException {
    long token = nextToken++;
    int slot = (int) (token % POOL);
    insert.setLong(1, token);
    insert.setString(2, aggregateId);
    insert.setLong(3, sequence);
    insert.setLong(4, SampleEvents.TIMESTAMP_MILLIS);
    insert.setBytes(5, events[slot]);
    insert.setBytes(6, digests[slot]);
  }

  /** Writes the next {@code rows} events with one binary COPY (the hub's own write path). */
  void copy(Connection connection, SampleEvents.Cursor cursor, int rows) throws SQLException {
    try {
      var buffer = new ByteArrayOutputStream(rows * 512);
      var out = new DataOutputStream(buffer);
      out.write(COPY_SIGNATURE);
      out.writeInt(0);
      out.writeInt(0);
      for (int i = 0; i < rows; i++) {
        cursor.advance();
        long token = nextToken++;
        int slot = (int) (token % POOL);
        out.writeShort(6);
        writeLong(out, token);
        writeBytes(out, cursor.aggregateId().getBytes(StandardCharsets.UTF_8));
        writeLong(out, cursor.sequence());
        writeLong(out, SampleEvents.TIMESTAMP_MILLIS);
        writeBytes(out, events[slot]);
        writeBytes(out, digests[slot]);
      }
      out.writeShort(-1);
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "copy raw_events (token, aggregate_id, aggregate_seq, event_time, event, digest)"
                  + " from stdin (format binary)",
              new ByteArrayInputStream(buffer.toByteArray()));
    } catch (IOException e) {
      throw new SQLException("COPY failed", e);
    }
  }

  private static void writeLong(DataOutputStream out, long value) throws IOException {
    out.writeInt(Long.BYTES);
    out.writeLong(value);
  }

  private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }

  /** Reads {@code count} rows from the start with keyset paging, as a tracking reader would. */
  static long readAll(Connection connection, long count, int page) throws SQLException {
    connection.setAutoCommit(true);
    long last = -1;
    long seen = 0;
    try (var read = connection.prepareStatement(READ)) {
      while (seen < count) {
        read.setLong(1, last);
        read.setInt(2, (int) Math.min(page, count - seen));
        int rows = 0;
        try (var result = read.executeQuery()) {
          while (result.next()) {
            last = result.getLong(1);
            result.getString(2);
            result.getLong(3);
            result.getLong(4);
            result.getBytes(5);
            result.getBytes(6);
            rows++;
          }
        }
        if (rows == 0) {
          break;
        }
        seen += rows;
      }
    }
    return seen;
  }
}
