package io.calisera.axonserver.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import io.axoniq.axonserver.grpc.event.Event;
import io.calisera.axonserver.grpc.ErrorCode;
import io.grpc.Deadline;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the event table. Append transactions queue up here; a single thread takes
 * whatever is queued (group commit), checks each transaction's sequence numbers against the
 * aggregates' highest stored ones, gives the accepted events consecutive tokens and digests, writes
 * them in one database transaction and only after its commit confirms each client and shows the
 * events to readers. One thread assigning tokens and committing in order means tokens start at 0,
 * have no gaps and become visible strictly in order.
 *
 * <p>What a client is told matches what is stored. A transaction whose client gave up (cancelled
 * the call, or its deadline passed) or that waited longer than the queue timeout before the writer
 * took it is never written; once taken, its client's cancellation can no longer stop it, and every
 * statement is bounded by the database timeout, so the answer comes within that. When a write's
 * outcome is unknown (its connection broke), the writer learns it from the database before it
 * answers anyone or gives out another token.
 */
final class EventWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

  /**
   * Held by the writing hub for as long as it runs: two hubs on one database would break tokens.
   */
  private static final long WRITER_LOCK = 0x43414c4953455241L; // "CALISERA"

  private static final int SEQUENCE_CACHE_SIZE = 200_000;
  private static final long RETRY_PAUSE_MILLIS = 1000;

  private final DataSource dataSource;
  private final EventLog eventLog;
  private final int batchEvents;
  private final long batchBytes;
  private final long queueTimeoutNanos;
  private final long timeoutMillis;
  private final ByteBudget queued;
  private final BlockingQueue<Transaction> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final DigestChain digests;
  private final Map<String, Long> highestSequence =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > SEQUENCE_CACHE_SIZE;
        }
      };

  private final Counter appended;
  private final Counter rejected;
  private final Counter abandoned;
  private final DistributionSummary batchSize;
  private final Timer commitTime;

  private volatile boolean running = true;
  private Connection connection;
  private Session session; // the last one, also after its connection is gone
  private long nextToken;
  private byte[] lastDigest;
  // what readers may rely on: the newest committed event and its digest, for the checkpoints
  private volatile EventTable.Head committed;
  // why appends are refused, or null (decision 0015: a history cut short is not written on)
  private volatile String refusal;

  /** How the writer's database session is known from another: process id and start. */
  private record Session(int pid, String started) {}

  /** The writer's limits. */
  record Limits(
      int batchEvents,
      long batchBytes,
      long queueBytes,
      Duration queueTimeout,
      Duration databaseTimeout) {}

  /**
   * One client's append: all of its events are stored, or none. Its client and the writer settle
   * its fate with one compare-and-set: taken for writing, or abandoned (and never written).
   */
  static final class Transaction {
    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int ABANDONED = 2;

    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final long charge;
    private final long takeBy;
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();
    // dropped when abandoned, so that a transaction waiting in the queue holds no events
    private List<Event> events;
    private List<byte[]> bytes;

    /**
     * @param bytes each event's stored encoding: the bytes it arrived as, which the event itself
     *     may share (parsed with aliasing), so that a queued event is held once, not twice
     * @param charge what it counts against the queue's budget
     * @param takeBy the {@link System#nanoTime()} after which the writer no longer takes it
     */
    private Transaction(List<Event> events, List<byte[]> bytes, long charge, long takeBy) {
      this.events = events;
      this.bytes = bytes;
      this.charge = charge;
      this.takeBy = takeBy;
    }

    /** A transaction the writer takes whenever it gets to it. */
    static Transaction of(List<Event> events) {
      return new Transaction(
          events,
          encode(events),
          EventStore.charge(events),
          System.nanoTime() + TimeUnit.DAYS.toNanos(1));
    }

    /** Completes once its events are committed, or fails with the error its client must see. */
    CompletableFuture<Void> outcome() {
      return outcome;
    }

    /**
     * Gives up on the transaction unless the writer has taken it: it is then never written, and its
     * outcome fails with {@code reason}. False when it was taken (or given up) before.
     */
    boolean abandon(StatusRuntimeException reason) {
      if (!state.compareAndSet(QUEUED, ABANDONED)) {
        return false;
      }
      events = null;
      bytes = null;
      outcome.completeExceptionally(reason);
      return true;
    }

    /** For writing: true when taken now or before, false when it was abandoned. */
    private boolean take() {
      return state.compareAndSet(QUEUED, TAKEN) || state.get() == TAKEN;
    }

    private boolean overdue(long now) {
      return now - takeBy > 0;
    }

    private boolean isQueued() {
      return state.get() == QUEUED;
    }
  }

  private EventWriter(
      DataSource dataSource,
      EventLog eventLog,
      long nextToken,
      byte[] lastDigest,
      DigestChain digests,
      Limits limits,
      MeterRegistry meters) {
    this.dataSource = dataSource;
    this.eventLog = eventLog;
    this.nextToken = nextToken;
    this.lastDigest = lastDigest;
    this.committed = new EventTable.Head(nextToken - 1, lastDigest);
    this.digests = digests;
    this.batchEvents = limits.batchEvents();
    this.batchBytes = limits.batchBytes();
    this.queueTimeoutNanos = limits.queueTimeout().toNanos();
    this.timeoutMillis = limits.databaseTimeout().toMillis();
    this.queued = new ByteBudget(limits.queueBytes());
    this.appended = meters.counter("calisera.hub.events.appended");
    this.rejected = meters.counter("calisera.hub.transactions.rejected");
    this.abandoned =
        Counter.builder("calisera.hub.transactions.abandoned")
            .description("appends never written: cancelled, past their deadline, or too slow")
            .register(meters);
    this.batchSize =
        DistributionSummary.builder("calisera.hub.append.batch.events")
            .description("events per database transaction (group commit)")
            .register(meters);
    this.commitTime = Timer.builder("calisera.hub.append.commit").register(meters);
    meters.gauge("calisera.hub.append.queue", queue, BlockingQueue::size);
    meters.gauge("calisera.hub.append.queue.bytes", queued, ByteBudget::used);
    this.thread = new Thread(this::run, "event-writer");
    this.thread.setDaemon(false);
  }

  /** Opens the writer's connection, takes the writer lock and starts the writing thread. */
  static EventWriter start(
      DataSource dataSource,
      EventLog eventLog,
      DigestChain digests,
      Limits limits,
      MeterRegistry meters) {
    EventWriter writer = open(dataSource, eventLog, digests, limits, meters);
    writer.thread.start();
    return writer;
  }

  /** Opens the writer's connection and takes the writer lock; batches are then written by hand. */
  static EventWriter open(
      DataSource dataSource,
      EventLog eventLog,
      DigestChain digests,
      Limits limits,
      MeterRegistry meters) {
    long timeoutMillis = limits.databaseTimeout().toMillis();
    try {
      Connection connection = dataSource.getConnection();
      Session session;
      EventTable.Head head;
      try {
        session = begin(connection, null, timeoutMillis);
        head = EventTable.head(connection, timeoutMillis);
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
      var writer =
          new EventWriter(
              dataSource,
              eventLog,
              head == null ? 0 : head.token() + 1,
              head == null ? DigestChain.GENESIS : head.digest(),
              digests,
              limits,
              meters);
      writer.connection = connection;
      writer.session = session;
      return writer;
    } catch (SQLException e) {
      throw new StorageException("Could not open the event writer", e);
    }
  }

  /**
   * Makes {@code connection} the writer's: its timeouts, autocommit, and the writer lock. A
   * previous session of this writer is ended first: it holds the lock until it ends, and a write it
   * may still be running must not commit behind the writer's back.
   */
  private static Session begin(Connection connection, Session previous, long timeoutMillis)
      throws SQLException {
    EventTable.withNetworkTimeout(connection, timeoutMillis);
    // Each statement is its own transaction: a batch's one INSERT commits as it completes, which
    // spares the round trips of BEGIN and COMMIT (and of ending the read of the sequence numbers).
    connection.setAutoCommit(true);
    if (previous != null
        && !EventTable.endSession(connection, previous.pid(), previous.started(), timeoutMillis)) {
      throw new SQLException(
          "The event writer's previous database session (process "
              + previous.pid()
              + ") does not end");
    }
    try (var statement =
        EventTable.prepare(
            connection,
            "select pg_try_advisory_lock(?), pid, backend_start::text from pg_stat_activity"
                + " where pid = pg_backend_pid()",
            timeoutMillis)) {
      statement.setLong(1, WRITER_LOCK);
      try (var rows = statement.executeQuery()) {
        rows.next();
        if (!rows.getBoolean(1)) {
          throw new IllegalStateException(
              "Another hub is writing to this database; only one may (tokens would interleave)");
        }
        return new Session(rows.getInt(2), rows.getString(3));
      }
    }
  }

  /** The newest committed event's token (-1: none) and digest. */
  EventTable.Head committed() {
    return committed;
  }

  /** From now on every append is refused with {@code reason}, and nothing more is written. */
  void refuseAppends(String reason) {
    refusal = reason;
  }

  /**
   * Queues a transaction. The writer takes it within the queue timeout, or before the client's gRPC
   * {@code deadline} (null: none) if that comes first; otherwise it is never written. Its outcome
   * completes once its events are committed, or fails with the gRPC error the client must see.
   *
   * @param charge what it counts against the queue's budget
   */
  Transaction append(List<Event> events, long charge, Deadline deadline) {
    return append(events, encode(events), charge, deadline);
  }

  /**
   * {@link #append(List, long, Deadline)} with each event's stored encoding given: the bytes it
   * arrived as.
   */
  Transaction append(List<Event> events, List<byte[]> bytes, long charge, Deadline deadline) {
    long wait = queueTimeoutNanos;
    if (deadline != null) {
      wait = Math.min(wait, deadline.timeRemaining(TimeUnit.NANOSECONDS));
    }
    var transaction = new Transaction(events, bytes, charge, System.nanoTime() + wait);
    var outcome = transaction.outcome;
    if (!running) {
      outcome.completeExceptionally(
          ErrorCode.TRANSACTION_ROLLED_BACK.asException("The hub is shutting down"));
    } else if (refusal != null) {
      outcome.completeExceptionally(ErrorCode.TRANSACTION_ROLLED_BACK.asException(refusal));
    } else if (events.isEmpty()) {
      outcome.complete(null);
    } else if (!queued.tryTake(charge)) {
      abandoned.increment();
      outcome.completeExceptionally(
          ErrorCode.TOO_MANY_REQUESTS.asException(
              "The hub holds "
                  + queued.limit()
                  + " bytes of appends waiting to be written, its limit"
                  + " (calisera.hub.append-queue-size); retry"));
    } else {
      outcome.whenComplete((done, error) -> queued.give(charge));
      queue.add(transaction);
    }
    return transaction;
  }

  private static List<byte[]> encode(List<Event> events) {
    return events.stream().map(Event::toByteArray).toList();
  }

  /**
   * Answers the queued transactions that waited past their time, so that their clients learn that
   * nothing was stored while the writer is busy (e.g. with a stalled database). Called now and then
   * by a timer; the writer also checks each transaction as it takes it.
   */
  void expireOverdue() {
    long now = System.nanoTime();
    for (Transaction transaction : queue) {
      if (transaction.overdue(now)) {
        expire(transaction);
      } else if (transaction.isQueued()) {
        return; // later ones were queued later
      }
    }
  }

  private void expire(Transaction transaction) {
    if (transaction.abandon(
        ErrorCode.TRANSACTION_ROLLED_BACK.asException(
            "Not stored: the event store did not get to the transaction in time; retry"))) {
      abandoned.increment();
    }
  }

  /** The client gave up on {@code transaction}: unless the writer has taken it, it never will. */
  void abandon(Transaction transaction) {
    if (transaction.abandon(
        ErrorCode.TRANSACTION_ROLLED_BACK.asException("Cancelled by the client"))) {
      abandoned.increment();
    }
  }

  private void run() {
    var batch = new ArrayList<Transaction>();
    while (running || !queue.isEmpty()) {
      try {
        Transaction first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null || !take(first)) {
          continue;
        }
        batch.add(first);
        int events = first.events.size();
        long bytes = first.charge;
        Transaction next;
        while (events < batchEvents
            && (next = queue.peek()) != null
            && bytes + next.charge <= batchBytes) {
          queue.poll();
          if (take(next)) {
            batch.add(next);
            events += next.events.size();
            bytes += next.charge;
          }
        }
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      } catch (RuntimeException e) {
        log.error("Event writer failed a batch", e);
        failAll(batch, e);
      } finally {
        batch.clear();
      }
    }
    failAll(new ArrayList<>(queue), new IllegalStateException("The hub is shutting down"));
  }

  /** Takes a transaction for writing, unless its client gave up or it waited too long. */
  private boolean take(Transaction transaction) {
    if (transaction.overdue(System.nanoTime())) {
      expire(transaction);
    }
    return transaction.take();
  }

  /** Writes one batch (one database transaction) and answers each of its clients. */
  void write(List<Transaction> batch) {
    List<Transaction> taken = new ArrayList<>(batch.size());
    for (Transaction transaction : batch) {
      if (transaction.take()) {
        taken.add(transaction);
      }
    }
    if (!taken.isEmpty() && !attempt(taken, true)) {
      attempt(taken, false);
    }
  }

  /**
   * One try at a batch. With {@code presume}, an aggregate the cache does not know and whose first
   * event here is number 0 is taken as new without asking the database, as a new booking or
   * provider is: most unknown aggregates are, and asking costs a round trip for the whole batch.
   * The presumption decides nothing on its own: if a transaction touching such an aggregate is
   * refused, or the unique index on (aggregate, sequence) refuses the INSERT because the aggregate
   * exists after all, nothing has been answered or stored yet, and this returns false so that the
   * caller tries again after asking the database.
   */
  private boolean attempt(List<Transaction> batch, boolean presume) {
    Set<String> presumedNew;
    try {
      ensureConnection();
      presumedNew = preloadSequences(batch, presume);
    } catch (SQLException | RuntimeException e) {
      // only reads so far: nothing of the batch is stored
      keepConnectionIfUsable(e);
      failStorage(batch, e);
      return true;
    }
    Map<String, Long> batchHighest = new HashMap<>();
    List<Transaction> accepted = new ArrayList<>(batch.size());
    Map<Transaction, String> refused = new LinkedHashMap<>();
    for (Transaction transaction : batch) {
      String conflict = checkSequences(transaction, batchHighest);
      if (conflict == null) {
        accepted.add(transaction);
      } else if (touches(transaction, presumedNew)) {
        forget(presumedNew);
        return false;
      } else {
        refused.put(transaction, conflict);
      }
    }
    List<StoredEvent> stored = new ArrayList<>();
    long token = nextToken;
    byte[] digest = lastDigest;
    for (Transaction transaction : accepted) {
      for (int i = 0; i < transaction.events.size(); i++) {
        Event event = transaction.events.get(i);
        byte[] bytes = transaction.bytes.get(i);
        digest = digests.next(digest, token, bytes);
        boolean domain = !event.getAggregateType().isEmpty();
        stored.add(
            new StoredEvent(
                token,
                domain ? event.getAggregateIdentifier() : null,
                event.getAggregateSequenceNumber(),
                event,
                bytes,
                digest));
        token++;
      }
    }
    if (!stored.isEmpty()) {
      long started = System.nanoTime();
      try {
        EventTable.insert(connection, stored, timeoutMillis); // durable once it returns
      } catch (SQLException e) {
        if (!presumedNew.isEmpty() && EventTable.isSequenceTaken(e)) {
          // the statement failed as a whole (autocommit): nothing stored, the connection fine
          log.debug("An aggregate presumed new exists; asking the database", e);
          forget(presumedNew);
          return false;
        }
        if (EventTable.failedBeforeCommit(e, connection) || !wasStored(stored, e)) {
          failStorage(batch, e);
          return true;
        }
      } catch (RuntimeException e) {
        if (!wasStored(stored, e)) {
          failStorage(batch, e);
          return true;
        }
      }
      commitTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      nextToken = token;
      lastDigest = digest;
      committed = new EventTable.Head(token - 1, digest);
      highestSequence.putAll(batchHighest);
      batchSize.record(stored.size());
      appended.increment(stored.size());
      eventLog.committed(stored);
    }
    refused.forEach(
        (transaction, conflict) -> {
          rejected.increment();
          transaction.outcome.completeExceptionally(
              ErrorCode.INVALID_EVENT_SEQUENCE.asException(conflict));
        });
    accepted.forEach(transaction -> transaction.outcome.complete(null));
    return true;
  }

  /**
   * Whether the batch {@code stored} is in the database after its INSERT failed in a way that
   * leaves the outcome unknown (the connection broke: the commit may have happened just before).
   * The writer's session is ended first, so that nothing still running there commits later; then
   * the newest stored event tells: the batch's last, or the one before the batch. Nobody is
   * answered and no token given out until the database can say; meanwhile queued transactions still
   * expire.
   */
  private boolean wasStored(List<StoredEvent> stored, Exception cause) {
    log.warn(
        "Writing {} events failed and may or may not have committed; asking the database",
        stored.size(),
        cause);
    discardConnection();
    StoredEvent last = stored.get(stored.size() - 1);
    while (true) {
      try {
        ensureConnection();
        EventTable.Head head = EventTable.head(connection, timeoutMillis);
        if (head != null
            && head.token() == last.token()
            && Arrays.equals(head.digest(), last.digest())) {
          log.warn("The batch up to token {} was stored after all", last.token());
          return true;
        }
        if (head == null
            ? nextToken == 0
            : head.token() == nextToken - 1 && Arrays.equals(head.digest(), lastDigest)) {
          return false;
        }
        log.error(
            "The events table ends at token {}, neither before the batch nor at its end ({}):"
                + " another writer? Continuing from there",
            head == null ? -1 : head.token(),
            last.token());
        resynchronise(head);
        return false;
      } catch (SQLException | RuntimeException e) {
        log.error(
            "Cannot learn whether a batch was stored; retrying in {} ms", RETRY_PAUSE_MILLIS, e);
        discardConnection();
        if (!running || !pause()) {
          throw new IllegalStateException(
              "The hub stops without knowing whether the batch up to token "
                  + last.token()
                  + " was stored",
              e);
        }
      }
    }
  }

  /** Continues from what the database holds: its newest event and nothing cached. */
  private void resynchronise(EventTable.Head head) {
    long newNext = head == null ? 0 : head.token() + 1;
    highestSequence.clear();
    nextToken = newNext;
    lastDigest = head == null ? DigestChain.GENESIS : head.digest();
    committed = new EventTable.Head(newNext - 1, lastDigest);
    eventLog.reset(newNext - 1);
  }

  private static boolean touches(Transaction transaction, Set<String> aggregates) {
    if (aggregates.isEmpty()) {
      return false;
    }
    for (Event event : transaction.events) {
      if (!event.getAggregateType().isEmpty()
          && aggregates.contains(event.getAggregateIdentifier())) {
        return true;
      }
    }
    return false;
  }

  private void forget(Set<String> aggregates) {
    aggregates.forEach(highestSequence::remove);
  }

  /**
   * The sequence rule: an aggregate's first event in a transaction follows its highest stored one
   * (or an earlier accepted transaction of this batch), and its events follow each other without
   * gaps. Returns the conflict, or null; records the new highest numbers only when accepted.
   */
  private String checkSequences(Transaction transaction, Map<String, Long> batchHighest) {
    Map<String, Long> local = new HashMap<>();
    for (Event event : transaction.events) {
      if (event.getAggregateType().isEmpty()) {
        continue;
      }
      String aggregate = event.getAggregateIdentifier();
      Long previous = local.get(aggregate);
      if (previous == null) {
        previous = batchHighest.get(aggregate);
      }
      if (previous == null) {
        previous = highestSequence.get(aggregate);
      }
      long expected = previous + 1;
      if (event.getAggregateSequenceNumber() != expected) {
        return "Invalid sequence number "
            + event.getAggregateSequenceNumber()
            + " for aggregate "
            + aggregate
            + ", expected "
            + expected;
      }
      local.put(aggregate, expected);
    }
    batchHighest.putAll(local);
    return null;
  }

  /**
   * Makes sure the cache knows every aggregate of the batch, with one query for the unknown ones.
   * With {@code presume}, unknown aggregates whose first event in the batch is number 0 are entered
   * as new without asking (see {@link #attempt}); returns them.
   */
  private Set<String> preloadSequences(List<Transaction> batch, boolean presume)
      throws SQLException {
    Set<String> unknown = new HashSet<>();
    Set<String> presumedNew = new HashSet<>();
    for (Transaction transaction : batch) {
      for (Event event : transaction.events) {
        String aggregate = event.getAggregateIdentifier();
        if (event.getAggregateType().isEmpty()
            || highestSequence.containsKey(aggregate)
            || unknown.contains(aggregate)
            || presumedNew.contains(aggregate)) {
          continue;
        }
        if (presume && event.getAggregateSequenceNumber() == 0) {
          presumedNew.add(aggregate);
        } else {
          unknown.add(aggregate);
        }
      }
    }
    if (!unknown.isEmpty()) {
      Map<String, Long> found = EventTable.highestSequences(connection, unknown, timeoutMillis);
      for (String aggregate : unknown) {
        highestSequence.put(aggregate, found.getOrDefault(aggregate, -1L));
      }
    }
    presumedNew.forEach(aggregate -> highestSequence.put(aggregate, -1L));
    return presumedNew;
  }

  private void ensureConnection() throws SQLException {
    if (connection == null) {
      Connection fresh = dataSource.getConnection();
      try {
        session = begin(fresh, session, timeoutMillis);
      } catch (SQLException | RuntimeException e) {
        fresh.close();
        throw e;
      }
      connection = fresh;
    }
  }

  /** After a failed read: keeps the connection only if the server answered and it is still open. */
  private void keepConnectionIfUsable(Exception failure) {
    if (!(failure instanceof SQLException e && EventTable.failedBeforeCommit(e, connection))) {
      discardConnection();
    }
  }

  private boolean pause() {
    try {
      Thread.sleep(RETRY_PAUSE_MILLIS);
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void failStorage(List<Transaction> transactions, Exception cause) {
    log.error("Could not store {} transactions", transactions.size(), cause);
    failAll(
        transactions,
        ErrorCode.TRANSACTION_ROLLED_BACK.asException(
            "Not stored: " + cause.getMessage() + "; retry"));
  }

  private static void failAll(List<Transaction> transactions, Throwable error) {
    StatusRuntimeException reported =
        error instanceof StatusRuntimeException status
            ? status
            : ErrorCode.TRANSACTION_ROLLED_BACK.asException(String.valueOf(error.getMessage()));
    transactions.forEach(
        transaction -> {
          if (!transaction.abandon(reported)) {
            transaction.outcome.completeExceptionally(reported);
          }
        });
  }

  /**
   * Drops a connection whose session may be stuck or gone, without another round trip to it, and
   * keeps the pool from handing it out again; the next connection ends that session before it
   * writes ({@link #begin}).
   */
  private void discardConnection() {
    if (connection == null) {
      return;
    }
    try {
      connection.abort(Runnable::run);
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
      } else {
        connection.close();
      }
    } catch (SQLException e) {
      log.debug("Dropping the writer's connection failed", e);
    } finally {
      connection = null;
    }
  }

  /** Returns the connection to the pool without the writer lock, which belongs to the session. */
  private void closeQuietly() {
    if (connection == null) {
      return;
    }
    try (Connection closing = connection;
        var statement =
            EventTable.prepare(closing, "select pg_advisory_unlock_all()", timeoutMillis)) {
      statement.execute();
    } catch (SQLException e) {
      log.debug("Releasing the writer connection failed (a broken session frees its lock)", e);
    } finally {
      connection = null;
    }
  }

  /** Stops taking transactions, writes what is queued, then releases the connection. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(TimeUnit.SECONDS.toMillis(30));
    closeQuietly();
  }
}
