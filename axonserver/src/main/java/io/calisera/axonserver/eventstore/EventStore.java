package io.calisera.axonserver.eventstore;

import io.axoniq.axonserver.grpc.event.Event;
import io.grpc.Deadline;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/** The hub's event store: the writer, the readable log and the tables behind them. */
public final class EventStore implements AutoCloseable {

  /**
   * What an event held in the hub costs beyond its serialized size (the objects around it), in the
   * byte limits of appends.
   */
  public static final int EVENT_OVERHEAD = 256;

  private static final int RECENT_EVENTS = 16_384;
  private static final long EXPIRY_INTERVAL_MILLIS = 100;

  private final EventTable table;
  private final EventLog log;
  private final EventWriter writer;
  private final ScheduledFuture<?> expiry;

  private EventStore(
      EventTable table, EventLog log, EventWriter writer, ScheduledFuture<?> expiry) {
    this.table = table;
    this.log = log;
    this.writer = writer;
    this.expiry = expiry;
  }

  /**
   * The store's limits.
   *
   * @param appendBatchEvents most events the writer commits at once
   * @param maxTransactionSize the largest transaction, and the most bytes of a batch of several
   * @param appendQueueSize bytes of appends waiting for the writer or being written
   * @param appendQueueTimeout the longest an append waits for the writer
   * @param databaseTimeout the longest a statement may take
   * @param recentEventsSize bytes of the newest events kept in memory for live streams
   */
  public record Limits(
      int appendBatchEvents,
      long maxTransactionSize,
      long appendQueueSize,
      Duration appendQueueTimeout,
      Duration databaseTimeout,
      long recentEventsSize) {}

  /**
   * Opens the store on {@code dataSource}; {@code timer} answers the appends that waited too long
   * while the writer is busy.
   */
  public static EventStore open(
      DataSource dataSource, Limits limits, ScheduledExecutorService timer, MeterRegistry meters) {
    long timeoutMillis = limits.databaseTimeout().toMillis();
    var table = new EventTable(dataSource, timeoutMillis);
    long head;
    try (var connection = dataSource.getConnection()) {
      EventTable.withNetworkTimeout(connection, timeoutMillis);
      EventTable.Head last = EventTable.head(connection, timeoutMillis);
      head = last == null ? -1 : last.token();
    } catch (SQLException e) {
      throw new StorageException("Could not open the event store", e);
    }
    var log = new EventLog(table, head, RECENT_EVENTS, limits.recentEventsSize());
    var writer =
        EventWriter.start(
            dataSource,
            log,
            new EventWriter.Limits(
                limits.appendBatchEvents(),
                limits.maxTransactionSize(),
                limits.appendQueueSize(),
                limits.appendQueueTimeout(),
                limits.databaseTimeout()),
            meters);
    var expiry =
        timer.scheduleWithFixedDelay(
            writer::expireOverdue,
            EXPIRY_INTERVAL_MILLIS,
            EXPIRY_INTERVAL_MILLIS,
            TimeUnit.MILLISECONDS);
    meters.gauge("calisera.hub.events.head", log, EventLog::head);
    return new EventStore(table, log, writer, expiry);
  }

  /** What {@code event} counts against the byte limits of appends. */
  static long charge(Event event) {
    return event.getSerializedSize() + (long) EVENT_OVERHEAD;
  }

  static long charge(List<Event> events) {
    long charge = 0;
    for (Event event : events) {
      charge += charge(event);
    }
    return charge;
  }

  /**
   * Queues a transaction for the writer.
   *
   * @param bytes each event's stored encoding, the bytes it arrived as
   * @param charge what it counts against the queue's byte limit
   * @param deadline the client's gRPC deadline, or null
   */
  EventWriter.Transaction append(
      List<Event> events, List<byte[]> bytes, long charge, Deadline deadline) {
    return writer.append(events, bytes, charge, deadline);
  }

  /** The client gave up on {@code transaction}: unless the writer has taken it, it never will. */
  void abandon(EventWriter.Transaction transaction) {
    writer.abandon(transaction);
  }

  void saveSnapshot(Event snapshot) {
    table.saveSnapshot(
        snapshot.getAggregateIdentifier(),
        snapshot.getAggregateSequenceNumber(),
        snapshot.toBuilder().setSnapshot(false).build().toByteArray());
  }

  List<Event> snapshots(String aggregateId, long from, long to, int limit) {
    return table.snapshots(aggregateId, from, to, limit);
  }

  EventTable.AggregatePage readAggregate(
      String aggregateId, long from, long to, int limit, long maxBytes) {
    return table.readAggregate(aggregateId, from, to, limit, maxBytes);
  }

  long highestSequence(String aggregateId) {
    return table.highestSequence(aggregateId);
  }

  long firstTokenAtOrAfter(long epochMillis) {
    return table.firstTokenAtOrAfter(epochMillis);
  }

  /** The token of the newest committed event, -1 when the store is empty. */
  public long head() {
    return log.head();
  }

  EventLog log() {
    return log;
  }

  /** The result of checking the digest chain. */
  public record Integrity(long eventsChecked, boolean valid, Long firstInvalidPosition) {}

  /**
   * Recomputes the digest chain over every stored event, also any beyond the hub's head (a row
   * written behind the hub's back must chain like the others). An event is invalid when its digest
   * does not follow from its bytes and its predecessor's digest, when a token is missing, or when
   * its indexed columns disagree with its bytes.
   */
  public Integrity verifyIntegrity() {
    long last = log.head();
    var digests = new DigestChain();
    var state =
        new Object() {
          long expectedToken = 0;
          byte[] previous = DigestChain.GENESIS;
          Long firstInvalid;
        };
    table.scan(
        Long.MAX_VALUE,
        (token, aggregateId, sequence, eventTime, bytes, digest) -> {
          boolean valid =
              token == state.expectedToken
                  && Arrays.equals(digest, digests.next(state.previous, token, bytes))
                  && columnsMatch(aggregateId, sequence, eventTime, bytes);
          if (!valid) {
            state.firstInvalid = Math.min(token, state.expectedToken);
            return false;
          }
          state.previous = digest;
          state.expectedToken++;
          return true;
        });
    if (state.firstInvalid == null && state.expectedToken <= last) {
      state.firstInvalid = state.expectedToken; // events missing at the end
    }
    long checked = state.firstInvalid == null ? state.expectedToken : state.firstInvalid + 1;
    return new Integrity(checked, state.firstInvalid == null, state.firstInvalid);
  }

  private static boolean columnsMatch(
      String aggregateId, Long sequence, long eventTime, byte[] bytes) {
    Event event;
    try {
      event = EventTable.parse(bytes);
    } catch (RuntimeException undecodable) {
      return false;
    }
    boolean domain = !event.getAggregateType().isEmpty();
    return event.getTimestamp() == eventTime
        && (domain
            ? event.getAggregateIdentifier().equals(aggregateId)
                && sequence != null
                && sequence == event.getAggregateSequenceNumber()
            : aggregateId == null);
  }

  @Override
  public void close() throws InterruptedException {
    expiry.cancel(false);
    writer.close();
  }
}
