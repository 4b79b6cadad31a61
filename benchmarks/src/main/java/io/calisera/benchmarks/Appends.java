package io.calisera.benchmarks;

import io.axoniq.axonserver.connector.event.AppendEventsTransaction;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.grpc.event.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** The append workloads: one-event transactions to the hub and to Axon's JDBC store, raw JDBC. */
final class Appends {

  private Appends() {}

  /**
   * A closed loop per writer through an Axon {@code EventStore} (Jackson serializer): publish one
   * event, which returns once it is stored, repeat. This is a command handler's append, and the
   * same code for the hub ({@code AxonServerEventStore}, the stock connector) and for Axon's JDBC
   * store ({@code EmbeddedEventStore} on {@code JdbcEventStorageEngine}, one database transaction
   * per event).
   */
  static Load.Writer closedLoop(EventStore store, String prefix, int perAggregate) {
    return (index, meter, running) -> {
      var cursor = new SampleEvents.Cursor(prefix + "-" + index, perAggregate);
      while (running.getAsBoolean()) {
        cursor.advance();
        long start = System.nanoTime();
        store.publish(SampleEvents.message(cursor.aggregateId(), cursor.sequence()));
        meter.completed(1, start);
      }
    };
  }

  /**
   * Each writer keeps {@code inFlight} one-event transactions open at once through the stock
   * connector's event channel, each on an aggregate of its own: what many concurrent command
   * handlers of one application look like to the hub.
   */
  static Load.Writer hubPipelined(
      EventChannel channel, String prefix, int perAggregate, int inFlight) {
    return (index, meter, running) -> {
      BlockingQueue<SampleEvents.Cursor> idle = new ArrayBlockingQueue<>(inFlight);
      for (int slot = 0; slot < inFlight; slot++) {
        idle.add(new SampleEvents.Cursor(prefix + "-" + index + "-" + slot, perAggregate));
      }
      while (running.getAsBoolean()) {
        SampleEvents.Cursor cursor = idle.poll(100, TimeUnit.MILLISECONDS);
        if (cursor == null) {
          continue;
        }
        cursor.advance();
        Event event = SampleEvents.protoEvent(cursor.aggregateId(), cursor.sequence());
        long start = System.nanoTime();
        AppendEventsTransaction transaction = channel.startAppendEventsTransaction();
        transaction.appendEvent(event);
        transaction
            .commit()
            .whenComplete(
                (confirmation, error) -> {
                  if (error == null) {
                    meter.completed(1, start);
                  } else {
                    meter.failed(error);
                  }
                  idle.add(cursor);
                });
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (idle.size() < inFlight && System.nanoTime() < deadline) {
        Thread.sleep(10); // let the transactions in flight finish before the next workload
      }
    };
  }

  /**
   * One thread inserting pre-serialized rows into a table like the hub's, {@code batch} rows per
   * commit: a JDBC batch that the driver rewrites into multi-row inserts.
   */
  static Load.Writer rawBatchedInsert(
      RawTable table, Connection connection, String prefix, int perAggregate, int batch) {
    return (index, meter, running) -> {
      var cursor = new SampleEvents.Cursor(prefix, perAggregate);
      connection.setAutoCommit(false);
      try (var insert = connection.prepareStatement(RawTable.INSERT)) {
        while (running.getAsBoolean()) {
          long start = System.nanoTime();
          for (int i = 0; i < batch; i++) {
            cursor.advance();
            table.bind(insert, cursor.aggregateId(), cursor.sequence());
            insert.addBatch();
          }
          insert.executeBatch();
          connection.commit();
          meter.completed(batch, start);
        }
      }
    };
  }

  /** One thread writing pre-serialized rows with binary COPY, {@code batch} rows per commit. */
  static Load.Writer rawCopy(
      RawTable table, Connection connection, String prefix, int perAggregate, int batch) {
    return (index, meter, running) -> {
      var cursor = new SampleEvents.Cursor(prefix, perAggregate);
      connection.setAutoCommit(false);
      while (running.getAsBoolean()) {
        long start = System.nanoTime();
        table.copy(connection, cursor, batch);
        connection.commit();
        meter.completed(batch, start);
      }
    };
  }

  /** Loads {@code count} events into the hub in big transactions, a few at a time. */
  static void preloadHub(EventChannel channel, String prefix, int perAggregate, int count)
      throws Exception {
    int perTransaction = 1000 - 1000 % perAggregate; // whole aggregates, so order does not matter
    var inFlight = new java.util.concurrent.Semaphore(4);
    var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
    var cursor = new SampleEvents.Cursor(prefix, perAggregate);
    for (int done = 0; done < count && failure.get() == null; ) {
      int size = Math.min(perTransaction, count - done);
      inFlight.acquire();
      AppendEventsTransaction transaction = channel.startAppendEventsTransaction();
      for (int i = 0; i < size; i++) {
        cursor.advance();
        transaction.appendEvent(SampleEvents.protoEvent(cursor.aggregateId(), cursor.sequence()));
      }
      transaction
          .commit()
          .whenComplete(
              (ok, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                }
                inFlight.release();
              });
      done += size;
    }
    inFlight.acquire(4);
    if (failure.get() != null) {
      throw new IllegalStateException("Preloading the hub failed", failure.get());
    }
  }

  /** Loads {@code count} events through Axon's engine, 1000 per transaction, on two threads. */
  static void preloadAxonJdbc(EventStorageEngine engine, String prefix, int perAggregate, int count)
      throws Exception {
    var next = new AtomicLong();
    int perTransaction = 1000 - 1000 % perAggregate;
    List<Thread> threads = new ArrayList<>();
    var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
    for (int t = 0; t < 2; t++) {
      var thread =
          new Thread(
              () -> {
                try {
                  long first;
                  while ((first = next.getAndAdd(perTransaction)) < count) {
                    var events = new ArrayList<org.axonframework.eventhandling.EventMessage<?>>();
                    for (long i = first; i < Math.min(first + perTransaction, count); i++) {
                      events.add(
                          SampleEvents.message(
                              prefix + "-" + (i / perAggregate), i % perAggregate));
                    }
                    engine.appendEvents(events);
                  }
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Preloading Axon's JDBC store failed", failure.get());
    }
  }

  static void preloadRaw(
      RawTable table, Connection connection, String prefix, int perAggregate, int count)
      throws SQLException {
    var cursor = new SampleEvents.Cursor(prefix, perAggregate);
    connection.setAutoCommit(false);
    for (int done = 0; done < count; done += 10_000) {
      table.copy(connection, cursor, Math.min(10_000, count - done));
      connection.commit();
    }
  }
}
