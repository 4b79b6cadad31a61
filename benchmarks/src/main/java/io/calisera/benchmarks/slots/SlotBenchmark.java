package io.calisera.benchmarks.slots;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link SlotEngineBenchmark} with JMH (one fork, sampling every call's time) and prints the
 * percentiles of each workload against the goal of 2 ms at p99. See README.md.
 */
public final class SlotBenchmark {

  private static final double GOAL_P99_MICROS = 2_000;

  private SlotBenchmark() {}

  public static void main(String[] args) throws Exception {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(SlotEngineBenchmark.class.getName())
                    .forks(1)
                    .jvmArgs("-Xms1g", "-Xmx1g")
                    .warmupIterations(3)
                    .warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5)
                    .measurementTime(TimeValue.seconds(2))
                    .build())
            .run();
    System.out.printf(
        Locale.ROOT,
        "%nSlot engine, provider with %,d live bookings, one thread (goal: p99 under 2 ms)%n",
        SlotEngineBenchmark.BOOKINGS);
    System.out.printf(
        Locale.ROOT,
        "%-32s %-8s %12s %10s %10s %10s %10s %9s %12s%n",
        "benchmark",
        "calendar",
        "samples",
        "p50 us",
        "p90 us",
        "p99 us",
        "p99.9 us",
        "calls/s",
        "p99 vs goal");
    for (RunResult result : results) {
      Statistics statistics = result.getPrimaryResult().getStatistics();
      double p99 = statistics.getPercentile(99);
      System.out.printf(
          Locale.ROOT,
          "%-32s %-8s %,12d %10.1f %10.1f %10.1f %10.1f %,9.0f %11.3fx%n",
          result.getParams().getBenchmark().replaceFirst(".*\\.", ""),
          result.getParams().getParam("calendar"),
          statistics.getN(),
          statistics.getPercentile(50),
          statistics.getPercentile(90),
          p99,
          statistics.getPercentile(99.9),
          1_000_000 / statistics.getMean(),
          p99 / GOAL_P99_MICROS);
    }
  }
}
