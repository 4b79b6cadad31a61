package io.calisera.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Runs writers for a warm-up, then measures a fixed time: events completed in the window divided by
 * its length, and the latency of each completed append (or commit).
 */
final class Load {

  /** One writer's loop; it returns when {@code running} turns false. */
  interface Writer {
    void run(int index, Meter meter, BooleanSupplier running) throws Exception;
  }

  /** Where writers report completed appends. Thread-safe. */
  static final class Meter {
    private final LongAdder events = new LongAdder();
    private final Recorder latency = new Recorder(3);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** {@code count} events became durable; the append started at {@code startNanos}. */
    void completed(int count, long startNanos) {
      latency.recordValue(Math.max(0, (System.nanoTime() - startNanos) / 1000));
      events.add(count);
    }

    void failed(Throwable error) {
      failure.compareAndSet(null, error);
    }

    boolean hasFailed() {
      return failure.get() != null;
    }
  }

  /** The outcome of one measured window. */
  record Result(
      double eventsPerSecond,
      long events,
      Histogram latencyMicros,
      Cpu.Usage cpu,
      Throwable failure) {}

  private Load() {}

  static Result run(Cpu cpu, int writers, Duration warmup, Duration duration, Writer writer)
      throws InterruptedException {
    var meter = new Meter();
    var running = new java.util.concurrent.atomic.AtomicBoolean(true);
    BooleanSupplier stillRunning = () -> running.get() && !meter.hasFailed();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      int index = i;
      var thread =
          new Thread(
              () -> {
                try {
                  writer.run(index, meter, stillRunning);
                } catch (Exception | Error e) {
                  meter.failed(e);
                }
              },
              "writer-" + i);
      thread.start();
      threads.add(thread);
    }
    Thread.sleep(warmup.toMillis());
    meter.latency.reset();
    Cpu.Sample startCpu = cpu.sample();
    long startEvents = meter.events.sum();
    long start = System.nanoTime();
    Thread.sleep(duration.toMillis());
    long endEvents = meter.events.sum();
    long end = System.nanoTime();
    Cpu.Sample endCpu = cpu.sample();
    Histogram latency = meter.latency.getIntervalHistogram();
    running.set(false);
    for (Thread thread : threads) {
      thread.join(60_000);
    }
    long events = endEvents - startEvents;
    return new Result(
        events * 1e9 / (end - start),
        events,
        latency,
        endCpu.since(startCpu, events),
        meter.failure.get());
  }
}
