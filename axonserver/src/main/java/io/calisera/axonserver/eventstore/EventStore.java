package io.calisera.axonserver.eventstore;

import io.axoniq.axonserver.grpc.event.Event;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** The hub's event store: the writer, the readable log and the tables behind them. */
public final class EventStore implements AutoCloseable {

  private static final int RECENT_EVENTS = 16_384;
  private static final long RECENT_BYTES = 64L << 20;

  private final EventTable table;
  private final EventLog log;
  private final EventWriter writer;

  private EventStore(EventTable table, EventLog log, EventWriter writer) {
    this.table = table;
    this.log = log;
    this.writer = writer;
  }

  public static EventStore open(
      DataSource dataSource, int appendBatchEvents, MeterRegistry meters) {
    var table = new EventTable(dataSource);
    long head;
    try (var connection = dataSource.getConnection()) {
      EventTable.Head last = EventTable.head(connection);
      head = last == null ? -1 : last.token();
    } catch (SQLException e) {
      throw new StorageException("Could not open the event store", e);
    }
    var log = new EventLog(table, head, RECENT_EVENTS, RECENT_BYTES);
    var writer = EventWriter.start(dataSource, log, appendBatchEvents, meters);
    meters.gauge("calisera.hub.events.head", log, EventLog::head);
    return new EventStore(table, log, writer);
  }

  CompletableFuture<Void> append(List<Event> events) {
    return writer.append(events);
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

  void readAggregate(String aggregateId, long from, long to, Consumer<Event> consumer) {
    table.readAggregate(aggregateId, from, to, consumer);
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
    writer.close();
  }
}
