package io.calisera.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Prints progress as it goes and the table with ratios and goals at the end. */
final class Report {

  private final Settings settings;
  private final Map<String, List<Double>> rates = new LinkedHashMap<>();
  private final Map<String, List<Histogram>> latencies = new LinkedHashMap<>();
  private final Map<String, List<Cpu.Usage>> cpu = new LinkedHashMap<>();
  private final String startLoad = load();

  Report(Settings settings) {
    this.settings = settings;
  }

  void header() {
    line("Calisera hub benchmark, " + HubBenchmark.now());
    line(
        "machine: "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs, "
            + memory()
            + ", Java "
            + System.getProperty("java.version")
            + ", load "
            + startLoad);
    line(
        String.format(
            "settings: %,d catch-up events; %d writers, %d in flight each (pipelined), %d events"
                + " per aggregate; raw batches of %d rows; warm-up %ds, measured %ds, %d round(s);"
                + " processor batch %d, JDBC engine batch %d, hub event permits %d",
            settings.catchUpEvents(),
            settings.writers(),
            settings.inFlight(),
            settings.eventsPerAggregate(),
            settings.rawBatch(),
            settings.warmup().toSeconds(),
            settings.duration().toSeconds(),
            settings.rounds(),
            settings.processorBatch(),
            settings.jdbcBatch(),
            settings.permits()));
  }

  void line(String text) {
    System.out.println(text);
    System.out.flush();
  }

  void timing(String what, long events, long startedNanos) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    line(
        events > 0
            ? String.format(
                "%s: %,d events in %.1f s (%,.0f/s)", what, events, seconds, events / seconds)
            : String.format("%s: %.1f s", what, seconds));
  }

  void result(String workload, Load.Result result) {
    if (result.failure() != null) {
      throw new IllegalStateException(workload + " failed", result.failure());
    }
    result(workload, result.eventsPerSecond(), result.latencyMicros(), result.cpu());
  }

  void result(String workload, double eventsPerSecond, Histogram latencyMicros, Cpu.Usage usage) {
    rates.computeIfAbsent(workload, k -> new ArrayList<>()).add(eventsPerSecond);
    cpu.computeIfAbsent(workload, k -> new ArrayList<>()).add(usage);
    latencies.computeIfAbsent(workload, k -> new ArrayList<>()).add(latencyMicros);
    int round = rates.get(workload).size() - 1;
    line(
        String.format(
            "  %-44s %,9.0f events/s  cpu us/event bench/hub/pg, cores %-16s  p50/p99 ms %-12s"
                + " (load %s)",
            workload, eventsPerSecond, usage, latency(workload, round), load()));
  }

  void table() {
    line("");
    line(
        "== Results, "
            + HubBenchmark.now()
            + " (load at start "
            + startLoad
            + ", now "
            + load()
            + ")");
    String spreadHeader = settings.rounds() > 1 ? "min..max of " + settings.rounds() : "";
    if (settings.rounds() > 1) {
      line("(events/s: median of the rounds; latency and CPU: of the median round)");
    }
    line(
        String.format(
            "%-44s %9s  %-17s %7s %7s  %-12s %s",
            "workload",
            "events/s",
            spreadHeader,
            "vs Axon",
            "vs raw",
            "p50/p99 ms",
            "cpu us/event bench/hub/pg, cores"));
    for (var entry : rates.entrySet()) {
      String workload = entry.getKey();
      boolean append = workload.startsWith("append");
      boolean catchUp = workload.startsWith("catchup");
      Double axon =
          append
              ? median(HubBenchmark.AXON_APPEND)
              : catchUp ? median(HubBenchmark.AXON_CATCH_UP) : null;
      Double raw =
          append ? median(HubBenchmark.RAW_INSERT) : catchUp ? median(HubBenchmark.RAW_READ) : null;
      double value = median(workload);
      int round = medianRound(workload);
      line(
          String.format(
              "%-44s %,9.0f  %-17s %7s %7s  %-12s %s",
              workload,
              value,
              spread(entry.getValue()),
              ratio(value, axon),
              ratio(value, raw),
              latency(workload, round),
              cpu.get(workload).get(round)));
    }
    line("");
    goals();
  }

  private void goals() {
    Double axon = median(HubBenchmark.AXON_APPEND);
    Double raw = median(HubBenchmark.RAW_INSERT);
    for (String hub : HubBenchmark.HUB_APPENDS) {
      Double value = median(hub);
      if (value == null) {
        continue;
      }
      if (axon != null) {
        goal(hub + " >= 2x Axon JDBC", value / axon >= 2, ratio(value, axon));
      }
      if (raw != null) {
        goal(hub + " >= 0.5x raw batched insert", value / raw >= 0.5, ratio(value, raw));
      }
    }
    Double catchUp = median(HubBenchmark.HUB_CATCH_UP);
    if (catchUp != null) {
      goal(
          HubBenchmark.HUB_CATCH_UP + " >= 100,000 events/s",
          catchUp >= 100_000,
          String.format("%,.0f/s", catchUp));
    }
  }

  private void goal(String what, boolean met, String figure) {
    line(String.format("goal %-70s %-6s (%s)", what, met ? "MET" : "MISSED", figure));
  }

  private Double median(String workload) {
    List<Double> values = rates.get(workload);
    if (values == null || values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The round whose rate is the median (the lower one of an even count). */
  private int medianRound(String workload) {
    List<Double> values = rates.get(workload);
    List<Double> sorted = values.stream().sorted().toList();
    return values.indexOf(sorted.get((sorted.size() - 1) / 2));
  }

  private static String spread(List<Double> values) {
    if (values.size() < 2) {
      return "";
    }
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return String.format("%,.0f..%,.0f", min, max);
  }

  private static String ratio(double value, Double reference) {
    return reference == null || reference == 0 ? "-" : String.format("%.2fx", value / reference);
  }

  private String latency(String workload, int round) {
    Histogram histogram = latencies.get(workload).get(round);
    if (histogram == null || histogram.getTotalCount() == 0) {
      return "";
    }
    return String.format(
        "%.1f/%.1f",
        histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0);
  }

  /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
  static String load() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The one-minute load average, or NaN. */
  static double loadOneMinute() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static String memory() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal"))
          .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB")
          .findFirst()
          .orElse("? GiB");
    } catch (IOException | RuntimeException e) {
      return "? GiB";
    }
  }
}
