package io.calisera.axonserver.eventstore;

import io.axoniq.axonserver.grpc.event.Event;
import io.calisera.axonserver.grpc.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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
  private final BlockingQueue<Transaction> queue = new LinkedBlockingQueue<>(100_000);
  private final Thread thread;
  private final DigestChain digests = new DigestChain();
  private final Map<String, Long> highestSequence =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > SEQUENCE_CACHE_SIZE;
        }
      };

  private final Counter appended;
  private final Counter rejected;
  private final DistributionSummary batchSize;
  private final Timer commitTime;

  private volatile boolean running = true;
  private Connection connection;
  private long nextToken;
  private byte[] lastDigest;

  /**
   * One client's append: all of its events are stored, or none.
   *
   * @param bytes the stored encoding of each event, made by the caller's thread so that the one
   *     writer thread does not spend its time on it
   */
  record Transaction(List<Event> events, List<byte[]> bytes, CompletableFuture<Void> outcome) {

    static Transaction of(List<Event> events) {
      return new Transaction(
          events, events.stream().map(Event::toByteArray).toList(), new CompletableFuture<>());
    }
  }

  EventWriter(
      DataSource dataSource,
      EventLog eventLog,
      long nextToken,
      byte[] lastDigest,
      int batchEvents,
      MeterRegistry meters) {
    this.dataSource = dataSource;
    this.eventLog = eventLog;
    this.nextToken = nextToken;
    this.lastDigest = lastDigest;
    this.batchEvents = batchEvents;
    this.appended = meters.counter("calisera.hub.events.appended");
    this.rejected = meters.counter("calisera.hub.transactions.rejected");
    this.batchSize =
        DistributionSummary.builder("calisera.hub.append.batch.events")
            .description("events per database transaction (group commit)")
            .register(meters);
    this.commitTime = Timer.builder("calisera.hub.append.commit").register(meters);
    meters.gauge("calisera.hub.append.queue", queue, BlockingQueue::size);
    this.thread = new Thread(this::run, "event-writer");
    this.thread.setDaemon(false);
  }

  /** Opens the writer's connection, takes the writer lock and starts the writing thread. */
  static EventWriter start(
      DataSource dataSource, EventLog eventLog, int batchEvents, MeterRegistry meters) {
    EventWriter writer = open(dataSource, eventLog, batchEvents, meters);
    writer.thread.start();
    return writer;
  }

  /** Opens the writer's connection and takes the writer lock; batches are then written by hand. */
  static EventWriter open(
      DataSource dataSource, EventLog eventLog, int batchEvents, MeterRegistry meters) {
    try {
      Connection connection = openConnection(dataSource);
      EventTable.Head head = EventTable.head(connection);
      var writer =
          new EventWriter(
              dataSource,
              eventLog,
              head == null ? 0 : head.token() + 1,
              head == null ? DigestChain.GENESIS : head.digest(),
              batchEvents,
              meters);
      writer.connection = connection;
      return writer;
    } catch (SQLException e) {
      throw new StorageException("Could not open the event writer", e);
    }
  }

  private static Connection openConnection(DataSource dataSource) throws SQLException {
    Connection connection = dataSource.getConnection();
    try (var statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
      statement.setLong(1, WRITER_LOCK);
      try (var rows = statement.executeQuery()) {
        rows.next();
        if (!rows.getBoolean(1)) {
          connection.close();
          throw new IllegalStateException(
              "Another hub is writing to this database; only one may (tokens would interleave)");
        }
      }
    }
    // Each statement is its own transaction: a batch's one INSERT commits as it completes, which
    // spares the round trips of BEGIN and COMMIT (and of ending the read of the sequence numbers).
    connection.setAutoCommit(true);
    return connection;
  }

  /**
   * Queues a transaction. The future completes once its events are committed, or fails with the
   * gRPC error the client must see.
   */
  CompletableFuture<Void> append(List<Event> events) {
    var transaction = Transaction.of(events);
    var outcome = transaction.outcome();
    if (!running) {
      outcome.completeExceptionally(
          ErrorCode.TRANSACTION_ROLLED_BACK.asException("The hub is shutting down"));
    } else if (events.isEmpty()) {
      outcome.complete(null);
    } else if (!queue.offer(transaction)) {
      outcome.completeExceptionally(
          ErrorCode.TRANSACTION_ROLLED_BACK.asException("The hub is overloaded; retry"));
    }
    return outcome;
  }

  private void run() {
    var batch = new ArrayList<Transaction>();
    while (running || !queue.isEmpty()) {
      try {
        Transaction first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        int events = first.events().size();
        while (events < batchEvents && queue.peek() != null) {
          Transaction next = queue.poll();
          batch.add(next);
          events += next.events().size();
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

  /** Writes one batch (one database transaction) and answers each of its clients. */
  void write(List<Transaction> batch) {
    if (!attempt(batch, true)) {
      attempt(batch, false);
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
    } catch (SQLException e) {
      closeQuietly();
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
      for (int i = 0; i < transaction.events().size(); i++) {
        Event event = transaction.events().get(i);
        byte[] bytes = transaction.bytes().get(i);
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
        EventTable.insert(connection, stored); // durable once it returns (autocommit)
      } catch (SQLException e) {
        if (!presumedNew.isEmpty() && EventTable.isSequenceTaken(e)) {
          // the statement failed as a whole (autocommit): nothing stored, the connection fine
          log.debug("An aggregate presumed new exists; asking the database", e);
          forget(presumedNew);
          return false;
        }
        failWrite(batch, e);
        return true;
      } catch (RuntimeException e) {
        failWrite(batch, e);
        return true;
      }
      commitTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      nextToken = token;
      lastDigest = digest;
      highestSequence.putAll(batchHighest);
      batchSize.record(stored.size());
      appended.increment(stored.size());
      eventLog.committed(stored);
    }
    refused.forEach(
        (transaction, conflict) -> {
          rejected.increment();
          transaction
              .outcome()
              .completeExceptionally(ErrorCode.INVALID_EVENT_SEQUENCE.asException(conflict));
        });
    accepted.forEach(transaction -> transaction.outcome().complete(null));
    return true;
  }

  /**
   * The connection's state is unknown after a failed write: every transaction of the batch, also
   * those refused on the way (their refusal may rest on one that is now not stored), gets the
   * storage error, and the writer starts over with a fresh connection.
   */
  private void failWrite(List<Transaction> batch, Exception cause) {
    closeQuietly();
    failStorage(batch, cause);
    resynchronise();
  }

  private static boolean touches(Transaction transaction, Set<String> aggregates) {
    if (aggregates.isEmpty()) {
      return false;
    }
    for (Event event : transaction.events()) {
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
    for (Event event : transaction.events()) {
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
      for (Event event : transaction.events()) {
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
      Map<String, Long> found = EventTable.highestSequences(connection, unknown);
      for (String aggregate : unknown) {
        highestSequence.put(aggregate, found.getOrDefault(aggregate, -1L));
      }
    }
    presumedNew.forEach(aggregate -> highestSequence.put(aggregate, -1L));
    return presumedNew;
  }

  private void ensureConnection() throws SQLException {
    if (connection == null) {
      connection = openConnection(dataSource);
    }
  }

  /**
   * After a failed write the database may or may not hold the batch (a commit can fail after it
   * happened). Read the truth back before writing again.
   */
  private void resynchronise() {
    while (running) {
      try {
        ensureConnection();
        EventTable.Head head = EventTable.head(connection);
        long newNext = head == null ? 0 : head.token() + 1;
        highestSequence.clear();
        if (newNext != nextToken) {
          log.warn(
              "Database holds events up to token {} after a failed commit; continuing from there",
              newNext - 1);
          eventLog.reset(newNext - 1);
        }
        nextToken = newNext;
        lastDigest = head == null ? DigestChain.GENESIS : head.digest();
        return;
      } catch (SQLException | RuntimeException e) {
        log.error("Cannot reach the event database; retrying in {} ms", RETRY_PAUSE_MILLIS, e);
        closeQuietly();
        try {
          Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void failStorage(List<Transaction> transactions, Exception cause) {
    log.error("Could not store {} transactions", transactions.size(), cause);
    failAll(
        transactions,
        ErrorCode.TRANSACTION_ROLLED_BACK.asException(
            "Storing the events failed: " + cause.getMessage()));
  }

  private static void failAll(List<Transaction> transactions, Throwable error) {
    Throwable reported =
        error instanceof io.grpc.StatusRuntimeException
            ? error
            : ErrorCode.TRANSACTION_ROLLED_BACK.asException(String.valueOf(error.getMessage()));
    transactions.forEach(transaction -> transaction.outcome().completeExceptionally(reported));
  }

  /** Returns the connection to the pool without the writer lock, which belongs to the session. */
  private void closeQuietly() {
    if (connection == null) {
      return;
    }
    try (Connection closing = connection) {
      try (var statement = closing.prepareStatement("select pg_advisory_unlock_all()")) {
        statement.execute();
      }
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
