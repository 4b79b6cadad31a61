package io.calisera.axonserver.eventstore;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.postgresql.jdbc.PgConnection;
import org.postgresql.jdbc.PgStatement;
import org.postgresql.util.PSQLException;

/**
 * The SQL of the event and snapshot tables, and nothing else. Every statement has a timeout, and
 * every connection a network timeout a little longer, so that a stalled database holds no thread of
 * the hub for longer than that.
 */
final class EventTable {

  private static final int READ_FETCH_SIZE = 1000;
  private static final int SNAPSHOTS_KEPT = 3;

  /** How much longer than a statement may take a connection may stay silent before it is closed. */
  private static final long NETWORK_MARGIN_MILLIS = 2000;

  private static final Executor INLINE = Runnable::run;

  private final DataSource dataSource;
  private final long timeoutMillis;

  /**
   * @param timeoutMillis the longest a statement may take: the server cancels it then (and the
   *     connection is closed when the server does not answer either)
   */
  EventTable(DataSource dataSource, long timeoutMillis) {
    this.dataSource = dataSource;
    this.timeoutMillis = timeoutMillis;
  }

  /** A pooled connection with the network timeout; the pool restores its own on return. */
  private Connection connection() throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      withNetworkTimeout(connection, timeoutMillis);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  static void withNetworkTimeout(Connection connection, long timeoutMillis) throws SQLException {
    connection.setNetworkTimeout(INLINE, Math.toIntExact(timeoutMillis + NETWORK_MARGIN_MILLIS));
  }

  /** A statement the server cancels after {@code timeoutMillis}. */
  static PreparedStatement prepare(Connection connection, String sql, long timeoutMillis)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.unwrap(PgStatement.class).setQueryTimeoutMs(timeoutMillis);
    return statement;
  }

  private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    return prepare(connection, sql, timeoutMillis);
  }

  // ---------------------------------------------------------------- writer side (its own
  // connection)

  /** Token and digest of the newest event, or null for an empty store. */
  static Head head(Connection connection, long timeoutMillis) throws SQLException {
    try (var statement =
            prepare(
                connection,
                "select token, digest from events order by token desc limit 1",
                timeoutMillis);
        var rows = statement.executeQuery()) {
      return rows.next() ? new Head(rows.getLong(1), rows.getBytes(2)) : null;
    }
  }

  /**
   * Whether a statement that failed with {@code e} certainly did not commit: the server answered it
   * with an error of the statement (its implicit transaction then rolls back) and the session is
   * still there. A broken connection, or a session ended by the server, leaves it unknown: an
   * autocommit statement commits as it ends, and its answer can be lost after that.
   */
  static boolean failedBeforeCommit(SQLException e, Connection connection) {
    if (!(e instanceof PSQLException failure) || failure.getServerErrorMessage() == null) {
      return false;
    }
    String state = failure.getSQLState();
    try {
      return state != null
          && !state.startsWith("08") // connection exception
          && !state.startsWith("57P") // the server ended the session
          && !state.startsWith("XX") // internal error
          && !connection.isClosed();
    } catch (SQLException closed) {
      return false;
    }
  }

  /**
   * Ends the server process of an earlier session of the hub (known by its process id and start, as
   * process ids are reused) and waits until it is gone, so that a statement it may still be running
   * can no longer commit: whatever the events table holds afterwards is final. True when it is
   * gone.
   */
  static boolean endSession(Connection connection, int pid, String started, long timeoutMillis)
      throws SQLException {
    String session = " from pg_stat_activity where pid = ? and backend_start::text = ?";
    try (var terminate =
            prepare(connection, "select pg_terminate_backend(pid)" + session, timeoutMillis);
        var alive = prepare(connection, "select 1" + session, timeoutMillis)) {
      terminate.setInt(1, pid);
      terminate.setString(2, started);
      terminate.execute();
      alive.setInt(1, pid);
      alive.setString(2, started);
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
      while (true) {
        try (var rows = alive.executeQuery()) {
          if (!rows.next()) {
            return true;
          }
        }
        if (System.nanoTime() > deadline) {
          return false;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  record Head(long token, byte[] digest) {}

  /** The stored bytes and digest of the event at {@code token}, or null when there is none. */
  static Link link(Connection connection, long token, long timeoutMillis) throws SQLException {
    try (var statement =
        prepare(connection, "select event, digest from events where token = ?", timeoutMillis)) {
      statement.setLong(1, token);
      try (var rows = statement.executeQuery()) {
        return rows.next() ? new Link(rows.getBytes(1), rows.getBytes(2)) : null;
      }
    }
  }

  record Link(byte[] event, byte[] digest) {}

  /** The highest stored sequence number of each of the aggregates; absent ones are left out. */
  static Map<String, Long> highestSequences(
      Connection connection, Collection<String> aggregateIds, long timeoutMillis)
      throws SQLException {
    var highest = new HashMap<String, Long>();
    try (var statement =
        prepare(
            connection,
            "select a.id, (select max(e.aggregate_seq) from events e where e.aggregate_id = a.id)"
                + " from unnest(?::text[]) as a(id)",
            timeoutMillis)) {
      statement.setArray(1, connection.createArrayOf("text", aggregateIds.toArray()));
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          long sequence = rows.getLong(2);
          if (!rows.wasNull()) {
            highest.put(rows.getString(1), sequence);
          }
        }
      }
    }
    return highest;
  }

  /**
   * Most bytes of events an insert passes as one {@code bytea[]} parameter. The driver encodes such
   * a parameter into one array of its whole size, a copy of every event of the batch in one piece;
   * below this that piece is small (well under half a G1 region, 512 KiB on heaps below 2 GiB, from
   * which on an array needs contiguous regions of its own). A batch with more bytes passes each
   * event as a parameter of its own, streamed from the event's bytes without a copy.
   */
  static final int ARRAY_BYTES = 256 * 1024;

  /**
   * Appends the events with one statement over arrays of their columns: atomic on its own (one
   * statement, autocommit), and one round trip for the whole batch, where a COPY needs two (the
   * server must answer the COPY before it takes data). Above {@link #ARRAY_BYTES} the events
   * themselves go as one parameter each ({@code array[?, ?, ...]}), so that the hub never copies a
   * batch of large events into one piece.
   */
  static void insert(Connection connection, List<StoredEvent> events, long timeoutMillis)
      throws SQLException {
    int n = events.size();
    long[] tokens = new long[n];
    String[] aggregateIds = new String[n];
    Long[] sequences = new Long[n];
    long[] times = new long[n];
    byte[][] bytes = new byte[n][];
    byte[][] digests = new byte[n][];
    long size = 0;
    for (int i = 0; i < n; i++) {
      StoredEvent event = events.get(i);
      tokens[i] = event.token();
      aggregateIds[i] = event.aggregateId();
      sequences[i] = event.aggregateId() == null ? null : event.sequence();
      times[i] = event.event().getTimestamp();
      bytes[i] = event.bytes();
      digests[i] = event.digest();
      size += bytes[i].length;
    }
    boolean oneArray = size <= ARRAY_BYTES;
    String eventColumn =
        oneArray ? "?::bytea[]" : "array[" + String.join(", ", Collections.nCopies(n, "?")) + "]";
    PgConnection pg = connection.unwrap(PgConnection.class);
    try (var insert =
        prepare(
            connection,
            "insert into events (token, aggregate_id, aggregate_seq, event_time, event, digest)"
                + " select * from unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], "
                + eventColumn
                + ", ?::bytea[])",
            timeoutMillis)) {
      int parameter = 1;
      insert.setArray(parameter++, pg.createArrayOf("int8", tokens));
      insert.setArray(parameter++, pg.createArrayOf("text", aggregateIds));
      insert.setArray(parameter++, pg.createArrayOf("int8", sequences));
      insert.setArray(parameter++, pg.createArrayOf("int8", times));
      if (oneArray) {
        insert.setArray(parameter++, pg.createArrayOf("bytea", bytes));
      } else {
        for (byte[] event : bytes) {
          // a stream: the driver sends it from the array as it is (setBytes would copy it)
          insert.setBinaryStream(parameter++, new ByteArrayInputStream(event), event.length);
        }
      }
      insert.setArray(parameter, pg.createArrayOf("bytea", digests));
      insert.executeUpdate();
    }
  }

  /** Whether an insert failed because an (aggregate, sequence number) pair is already stored. */
  static boolean isSequenceTaken(SQLException e) {
    return e instanceof PSQLException failure
        && "23505".equals(failure.getSQLState())
        && failure.getServerErrorMessage() != null
        && "events_aggregate_seq".equals(failure.getServerErrorMessage().getConstraint());
  }

  // ---------------------------------------------------------------- readers (pooled connections)

  /**
   * Events with tokens in {@code [from, to]}, in token order: at most {@code limit}, and no more
   * than make {@code maxBytes} (but at least one), so that a page of large events stays small.
   */
  List<EventWithToken> read(long from, long to, int limit, long maxBytes) {
    try (var connection = connection();
        var statement =
            prepare(
                connection,
                "select token, event from (select token, event, sum(octet_length(event))"
                    + " over (order by token rows unbounded preceding) - octet_length(event)"
                    + " as before from events where token >= ? and token <= ? order by token"
                    + " limit ?) page where before < ? order by token")) {
      statement.setLong(1, from);
      statement.setLong(2, to);
      statement.setInt(3, limit);
      statement.setLong(4, maxBytes);
      var page = new ArrayList<EventWithToken>(Math.min(limit, 1024));
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          page.add(
              EventWithToken.newBuilder()
                  .setToken(rows.getLong(1))
                  .setEvent(parse(rows.getBytes(2)))
                  .build());
        }
      }
      return page;
    } catch (SQLException e) {
      throw new StorageException("Could not read events from token " + from, e);
    }
  }

  /** Some of an aggregate's events, and whether more may follow them. */
  record AggregatePage(List<Event> events, boolean more) {}

  /**
   * An aggregate's events with sequence numbers in {@code [from, to]}, in order: at most {@code
   * limit}, and no more than make {@code maxBytes} (but at least one).
   */
  AggregatePage readAggregate(String aggregateId, long from, long to, int limit, long maxBytes) {
    try (var connection = connection();
        var statement =
            prepare(
                connection,
                "select case when before < ? then event end from (select aggregate_seq, event,"
                    + " sum(octet_length(event)) over (order by aggregate_seq rows unbounded"
                    + " preceding) - octet_length(event) as before from events where"
                    + " aggregate_id = ? and aggregate_seq >= ? and aggregate_seq <= ?"
                    + " order by aggregate_seq limit ?) page order by aggregate_seq")) {
      statement.setLong(1, maxBytes);
      statement.setString(2, aggregateId);
      statement.setLong(3, from);
      statement.setLong(4, to);
      statement.setInt(5, limit);
      var events = new ArrayList<Event>();
      int rowCount = 0;
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          rowCount++;
          byte[] event = rows.getBytes(1);
          if (event != null) {
            events.add(parse(event));
          }
        }
      }
      return new AggregatePage(events, rowCount == limit || events.size() < rowCount);
    } catch (SQLException e) {
      throw new StorageException("Could not read the events of aggregate " + aggregateId, e);
    }
  }

  long highestSequence(String aggregateId) {
    try (var connection = connection();
        var statement =
            prepare(connection, "select max(aggregate_seq) from events where aggregate_id = ?")) {
      statement.setString(1, aggregateId);
      try (var rows = statement.executeQuery()) {
        rows.next();
        long highest = rows.getLong(1);
        return rows.wasNull() ? -1 : highest;
      }
    } catch (SQLException e) {
      throw new StorageException("Could not read the sequence of aggregate " + aggregateId, e);
    }
  }

  /** The first token whose event has a timestamp at or after {@code epochMillis}, or -1. */
  long firstTokenAtOrAfter(long epochMillis) {
    try (var connection = connection();
        var statement =
            prepare(connection, "select min(token) from events where event_time >= ?")) {
      statement.setLong(1, epochMillis);
      try (var rows = statement.executeQuery()) {
        rows.next();
        long token = rows.getLong(1);
        return rows.wasNull() ? -1 : token;
      }
    } catch (SQLException e) {
      throw new StorageException("Could not look up the token at " + epochMillis, e);
    }
  }

  /**
   * Stores a snapshot with its seal (replacing one at the same sequence) and drops all but the
   * newest few.
   */
  void saveSnapshot(String aggregateId, long sequence, byte[] snapshot, byte[] seal) {
    try (var connection = connection()) {
      connection.setAutoCommit(false);
      try (var upsert =
              prepare(
                  connection,
                  "insert into snapshots (aggregate_id, aggregate_seq, event, seal) values (?, ?, ?, ?)"
                      + " on conflict (aggregate_id, aggregate_seq) do update"
                      + " set event = excluded.event, seal = excluded.seal");
          var prune =
              prepare(
                  connection,
                  "delete from snapshots where aggregate_id = ? and aggregate_seq < all (select aggregate_seq"
                      + " from snapshots where aggregate_id = ? order by aggregate_seq desc limit ?)")) {
        upsert.setString(1, aggregateId);
        upsert.setLong(2, sequence);
        upsert.setBytes(3, snapshot);
        upsert.setBytes(4, seal);
        upsert.executeUpdate();
        prune.setString(1, aggregateId);
        prune.setString(2, aggregateId);
        prune.setInt(3, SNAPSHOTS_KEPT);
        prune.executeUpdate();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageException("Could not store a snapshot of aggregate " + aggregateId, e);
    }
  }

  /** A snapshot as stored: its sequence number, its bytes and their seal. */
  record StoredSnapshot(long sequence, byte[] bytes, byte[] seal) {}

  /** Snapshots with sequence in {@code [from, to]}, newest first, at most {@code limit}. */
  List<StoredSnapshot> snapshots(String aggregateId, long from, long to, int limit) {
    try (var connection = connection();
        var statement =
            prepare(
                connection,
                "select aggregate_seq, event, seal from snapshots where aggregate_id = ?"
                    + " and aggregate_seq >= ? and aggregate_seq <= ?"
                    + " order by aggregate_seq desc limit ?")) {
      statement.setString(1, aggregateId);
      statement.setLong(2, from);
      statement.setLong(3, to);
      statement.setInt(4, limit);
      var snapshots = new ArrayList<StoredSnapshot>();
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          snapshots.add(new StoredSnapshot(rows.getLong(1), rows.getBytes(2), rows.getBytes(3)));
        }
      }
      return snapshots;
    } catch (SQLException e) {
      throw new StorageException("Could not read the snapshots of aggregate " + aggregateId, e);
    }
  }

  /**
   * Visits every stored event in token order, up to {@code lastToken}. The timeouts bound each
   * round trip of the cursor, not the whole scan.
   */
  void scan(long lastToken, RowVisitor visitor) {
    try (var connection = connection()) {
      connection.setAutoCommit(false);
      try (var statement =
          prepare(
              connection,
              "select token, aggregate_id, aggregate_seq, event_time, event, digest from events"
                  + " where token <= ? order by token")) {
        statement.setFetchSize(READ_FETCH_SIZE);
        // the rows in binary from the first round trip: the events' bytes as they are, not as hex
        // text that the server encodes and the driver decodes again
        statement.unwrap(PgStatement.class).setPrepareThreshold(-1);
        statement.setLong(1, lastToken);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            long sequence = rows.getLong(3);
            Long aggregateSequence = rows.wasNull() ? null : sequence;
            if (!visitor.visit(
                rows.getLong(1),
                rows.getString(2),
                aggregateSequence,
                rows.getLong(4),
                rows.getBytes(5),
                rows.getBytes(6))) {
              return;
            }
          }
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageException("Could not scan the events", e);
    }
  }

  interface RowVisitor {
    /** Returns false to stop the scan. */
    boolean visit(
        long token, String aggregateId, Long sequence, long eventTime, byte[] event, byte[] digest);
  }

  /** The event stored as {@code bytes}, sharing them (they are not changed after a read). */
  static Event parse(byte[] bytes) {
    try {
      // wrapped as immutable bytes: only then does the parser alias them instead of copying
      CodedInputStream input = UnsafeByteOperations.unsafeWrap(bytes).newCodedInput();
      input.enableAliasing(true);
      return Event.parseFrom(input);
    } catch (IOException e) {
      throw new UncheckedIOException("A stored event cannot be decoded", e);
    }
  }
}
