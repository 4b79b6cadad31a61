package io.calisera.axonserver.eventstore;

import io.axoniq.axonserver.grpc.event.Event;
import io.grpc.Deadline;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hub's event store: the writer, the readable log and the tables behind them. */
public final class EventStore implements AutoCloseable {

  /**
   * What an event held in the hub costs beyond its serialized size (the objects around it), in the
   * byte limits of appends.
   */
  public static final int EVENT_OVERHEAD = 256;

  private static final int RECENT_EVENTS = 16_384;
  private static final long EXPIRY_INTERVAL_MILLIS = 100;

  private static final Logger logger = LoggerFactory.getLogger(EventStore.class);

  private final EventTable table;
  private final EventLog log;
  private final EventWriter writer;
  private final Evidence evidence;
  private final ScheduledFuture<?> expiry;
  private final ScheduledFuture<?> checkpoints;
  // the newest signed checkpoint; while the store disagrees with it, no newer one is made
  private volatile Checkpoint checkpoint;
  private final boolean disagrees;

  private EventStore(
      EventTable table,
      EventLog log,
      EventWriter writer,
      Evidence evidence,
      Checkpoint checkpoint,
      boolean disagrees,
      ScheduledExecutorService timer) {
    this.table = table;
    this.log = log;
    this.writer = writer;
    this.evidence = evidence;
    this.checkpoint = checkpoint;
    this.disagrees = disagrees;
    this.expiry =
        timer.scheduleWithFixedDelay(
            writer::expireOverdue,
            EXPIRY_INTERVAL_MILLIS,
            EXPIRY_INTERVAL_MILLIS,
            TimeUnit.MILLISECONDS);
    long every = evidence.checkpointInterval().toMillis();
    this.checkpoints =
        timer.scheduleWithFixedDelay(this::checkpointQuietly, every, every, TimeUnit.MILLISECONDS);
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
   * What makes the history tamper-evident against whoever can rewrite the database (decision 0015).
   *
   * @param key the chain key, which the database never holds
   * @param checkpointFile where the newest signed checkpoint of the head is kept
   * @param checkpointInterval how often a checkpoint is made (when there are new events)
   * @param clock the time a checkpoint is made at
   */
  public record Evidence(
      ChainKey key, Path checkpointFile, Duration checkpointInterval, Clock clock) {}

  /**
   * Opens the store on {@code dataSource}; {@code timer} answers the appends that waited too long
   * while the writer is busy, and makes the checkpoints. A store that ends before its last
   * checkpoint, or differs from it there, is opened for reading only: its appends are refused, so
   * that nothing is built on a history cut short, and no newer checkpoint hides the cut.
   */
  public static EventStore open(
      DataSource dataSource,
      Limits limits,
      Evidence evidence,
      ScheduledExecutorService timer,
      MeterRegistry meters) {
    long timeoutMillis = limits.databaseTimeout().toMillis();
    var table = new EventTable(dataSource, timeoutMillis);
    EventTable.Head last;
    Checkpoint checkpoint;
    String disagreement = null;
    try (var connection = dataSource.getConnection()) {
      EventTable.withNetworkTimeout(connection, timeoutMillis);
      last = EventTable.head(connection, timeoutMillis);
      Optional<Checkpoint> found = Checkpoint.read(evidence.checkpointFile(), evidence.key());
      if (found.isPresent()) {
        checkpoint = found.get();
        disagreement = disagreement(connection, checkpoint, last, timeoutMillis);
      } else {
        long keyedFrom = firstKeyedToken(connection, last, evidence.key(), timeoutMillis);
        if (last != null && keyedFrom <= last.token()) {
          logger.warn(
              "The hub's checkpoint {} is missing: a new one starts at the head, token {} (a"
                  + " history cut short before now would go unnoticed; decision 0015)",
              evidence.checkpointFile(),
              last.token());
        } else if (keyedFrom > 0) {
          logger.info(
              "The events up to token {} were chained without a key; the keyed chain begins"
                  + " at token {} and covers them through its first link (decision 0015)",
              keyedFrom - 1,
              keyedFrom);
        }
        checkpoint =
            new Checkpoint(
                keyedFrom,
                last == null ? -1 : last.token(),
                last == null ? DigestChain.GENESIS : last.digest(),
                now(evidence));
        checkpoint.write(evidence.checkpointFile(), evidence.key());
      }
    } catch (SQLException e) {
      throw new StorageException("Could not open the event store", e);
    }
    long head = last == null ? -1 : last.token();
    var log = new EventLog(table, head, RECENT_EVENTS, limits.recentEventsSize());
    var writer =
        EventWriter.start(
            dataSource,
            log,
            new DigestChain(evidence.key(), checkpoint.keyedFrom()),
            new EventWriter.Limits(
                limits.appendBatchEvents(),
                limits.maxTransactionSize(),
                limits.appendQueueSize(),
                limits.appendQueueTimeout(),
                limits.databaseTimeout()),
            meters);
    if (disagreement != null) {
      logger.error(
          "{}. The hub refuses appends until the missing events are restored from a backup (or an"
              + " operator accepts the history as it is by removing {}); GET /v1/integrity shows"
              + " where",
          disagreement,
          evidence.checkpointFile());
      writer.refuseAppends(
          "Not stored: the event history does not continue the hub's last signed checkpoint;"
              + " the operator must restore it (see the hub's log)");
    }
    meters.gauge("calisera.hub.events.head", log, EventLog::head);
    return new EventStore(table, log, writer, evidence, checkpoint, disagreement != null, timer);
  }

  /** Why the stored history does not continue {@code checkpoint}, or null when it does. */
  private static String disagreement(
      Connection connection, Checkpoint checkpoint, EventTable.Head last, long timeoutMillis)
      throws SQLException {
    if (checkpoint.position() < 0) {
      return null;
    }
    if (last == null || last.token() < checkpoint.position()) {
      return "The event history ends at token "
          + (last == null ? -1 : last.token())
          + ", before its last signed checkpoint at token "
          + checkpoint.position()
          + " of "
          + checkpoint.at()
          + ": events were removed behind the hub's back";
    }
    EventTable.Link link = EventTable.link(connection, checkpoint.position(), timeoutMillis);
    if (link == null || !Arrays.equals(link.digest(), checkpoint.digest())) {
      return "The event at token "
          + checkpoint.position()
          + " is not the one the last signed checkpoint of "
          + checkpoint.at()
          + " covers";
    }
    return null;
  }

  /**
   * Where a store without a checkpoint begins its keyed chain: after its head when every link is an
   * unkeyed one (a store older than the key, or an empty one), otherwise at the first keyed link
   * (the checkpoint was lost), found by bisection: links below it are unkeyed, from it on keyed.
   */
  private static long firstKeyedToken(
      Connection connection, EventTable.Head last, ChainKey key, long timeoutMillis)
      throws SQLException {
    if (last == null) {
      return 0;
    }
    var keyed = new DigestChain(key, 0);
    long low = 0;
    long high = last.token() + 1;
    while (low < high) {
      long middle = (low + high) >>> 1;
      EventTable.Link link = EventTable.link(connection, middle, timeoutMillis);
      EventTable.Link previous =
          middle == 0 ? null : EventTable.link(connection, middle - 1, timeoutMillis);
      boolean isKeyed =
          link != null
              && (middle == 0 || previous != null)
              && Arrays.equals(
                  link.digest(),
                  keyed.next(
                      middle == 0 ? DigestChain.GENESIS : previous.digest(), middle, link.event()));
      if (isKeyed) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  /**
   * Signs the head into a new checkpoint when there are events since the last one, unless the store
   * disagrees with the last one.
   */
  synchronized void checkpoint() {
    EventTable.Head head = writer.committed();
    Checkpoint last = checkpoint;
    if (disagrees || head.token() <= last.position()) {
      return;
    }
    var next = new Checkpoint(last.keyedFrom(), head.token(), head.digest(), now(evidence));
    next.write(evidence.checkpointFile(), evidence.key());
    checkpoint = next;
  }

  /** A checkpoint's time: to the millisecond, like the events' timestamps. */
  private static Instant now(Evidence evidence) {
    return evidence.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private void checkpointQuietly() {
    try {
      checkpoint();
    } catch (RuntimeException e) {
      logger.error("Could not make a checkpoint of the event history", e);
    }
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

  /** Stores a snapshot with its seal, which the database cannot make without the key. */
  void saveSnapshot(Event snapshot) {
    String aggregateId = snapshot.getAggregateIdentifier();
    long sequence = snapshot.getAggregateSequenceNumber();
    byte[] bytes = snapshot.toBuilder().setSnapshot(false).build().toByteArray();
    table.saveSnapshot(aggregateId, sequence, bytes, seal(aggregateId, sequence, bytes));
  }

  /**
   * An aggregate's snapshots, newest first: only those that carry the hub's seal over their
   * aggregate, sequence and bytes. One without (changed, moved or made behind the hub's back) is
   * left out, as if there were none: the client then loads the aggregate from its events, which the
   * chain covers.
   */
  List<Event> snapshots(String aggregateId, long from, long to, int limit) {
    var sealed = new ArrayList<Event>();
    for (EventTable.StoredSnapshot snapshot : table.snapshots(aggregateId, from, to, limit)) {
      if (MessageDigest.isEqual(
          snapshot.seal(), seal(aggregateId, snapshot.sequence(), snapshot.bytes()))) {
        sealed.add(EventTable.parse(snapshot.bytes()).toBuilder().setSnapshot(true).build());
      } else {
        logger.warn(
            "The snapshot of aggregate {} at sequence {} does not carry the hub's seal: refused;"
                + " the aggregate loads from its events",
            aggregateId,
            snapshot.sequence());
      }
    }
    return sealed;
  }

  private byte[] seal(String aggregateId, long sequence, byte[] bytes) {
    byte[] id = aggregateId.getBytes(StandardCharsets.UTF_8);
    Mac mac = evidence.key().snapshotMac();
    mac.update(
        ByteBuffer.allocate(Integer.BYTES + id.length + Long.BYTES)
            .putInt(id.length)
            .put(id)
            .putLong(sequence)
            .array());
    return mac.doFinal(bytes);
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

  /**
   * The result of checking the history against its chain and the last checkpoint.
   *
   * @param eventsChecked how many events were found valid, the first invalid one included
   * @param firstInvalidPosition the token of the first event that is changed, missing or out of
   *     place; null when all are valid
   * @param headPosition the hub's newest event when the check began (-1: none)
   * @param lastCheckpoint the signed checkpoint the check relied on
   */
  public record Integrity(
      long eventsChecked,
      boolean valid,
      Long firstInvalidPosition,
      long headPosition,
      CheckpointSummary lastCheckpoint) {}

  /** A checkpoint's position (-1: of an empty store) and when it was made (ISO-8601, UTC). */
  public record CheckpointSummary(long position, String at) {}

  /**
   * Recomputes the chain over every stored event, also any beyond the hub's head (a row written
   * behind the hub's back must chain like the others), in token order through a cursor, on a
   * connection of its own: appends go on meanwhile. An event is invalid when its digest does not
   * follow from its bytes and its predecessor's digest under the key, when a token is missing, when
   * its indexed columns disagree with its bytes, or when it is the event of the last checkpoint and
   * its digest is not the one signed there. A history that ends before the last checkpoint is
   * invalid at its first missing token.
   */
  public Integrity verifyIntegrity() {
    // the checkpoint first: every event it covers was committed before the scan below begins
    Checkpoint signed = checkpoint;
    long head = log.head();
    var digests = new DigestChain(evidence.key(), signed.keyedFrom());
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
                  && (token != signed.position() || Arrays.equals(digest, signed.digest()))
                  && columnsMatch(aggregateId, sequence, eventTime, bytes);
          if (!valid) {
            state.firstInvalid = Math.min(token, state.expectedToken);
            return false;
          }
          state.previous = digest;
          state.expectedToken++;
          return true;
        });
    if (state.firstInvalid == null && state.expectedToken <= Math.max(head, signed.position())) {
      state.firstInvalid = state.expectedToken; // events missing at the end
    }
    long checked = state.firstInvalid == null ? state.expectedToken : state.firstInvalid + 1;
    return new Integrity(
        checked,
        state.firstInvalid == null,
        state.firstInvalid,
        head,
        new CheckpointSummary(signed.position(), signed.at().toString()));
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
    checkpoints.cancel(false);
    writer.close();
    checkpointQuietly(); // the last events written
  }
}
