package io.calisera.benchmarks.platform;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies (µs) and status codes of one kind of request, counted only while the measured window is
 * open. Thread-safe.
 */
final class Meter {

  private final Recorder latency = new Recorder(3);
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final LongAdder failures = new LongAdder();
  private volatile boolean measuring;

  /** A request started at {@code startNanos} (its planned start, in the open loop) answered. */
  void answered(int status, long startNanos) {
    if (measuring) {
      latency.recordValue(Math.max(0, (System.nanoTime() - startNanos) / 1000));
      statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }
  }

  /** A request that got no answer at all (connection refused or reset, timeout). */
  void failed() {
    if (measuring) {
      failures.increment();
    }
  }

  void open() {
    latency.reset();
    statuses.clear();
    failures.reset();
    measuring = true;
  }

  /** Closes the window and tells what was measured in it. */
  Figures close(double seconds) {
    measuring = false;
    Histogram histogram = latency.getIntervalHistogram();
    Map<Integer, Long> counts = new TreeMap<>();
    statuses.forEach((status, count) -> counts.put(status, count.sum()));
    return new Figures(
        histogram.getTotalCount(),
        histogram.getTotalCount() / seconds,
        millis(histogram, 50),
        millis(histogram, 90),
        millis(histogram, 99),
        millis(histogram, 99.9),
        histogram.getMaxValue() / 1000.0,
        counts,
        failures.sum());
  }

  private static double millis(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  /**
   * @param answers requests answered in the window
   * @param perSecond answers per second
   * @param p50 latency percentiles and maximum in milliseconds
   * @param statuses answers by HTTP status
   * @param failures requests without an answer
   */
  record Figures(
      long answers,
      double perSecond,
      double p50,
      double p90,
      double p99,
      double p999,
      double max,
      Map<Integer, Long> statuses,
      long failures) {

    long count(int status) {
      return statuses.getOrDefault(status, 0L);
    }
  }
}
