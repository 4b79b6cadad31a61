package io.calisera.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the analytics replay's four processes, from {@code /proc}: the projector's JVM, the
 * hub's JVM, and each one's embedded PostgreSQL (the postmaster found by its data folder under
 * {@code home}, with its live backends and those that have exited).
 */
final class ReplayCpu {

  private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux

  private final long projectorPid;
  private final long hubPid;
  private final Path projectorData;
  private final Path hubData;

  ReplayCpu(long projectorPid, long hubPid, Path projectorHome, Path hubHome) {
    this.projectorPid = projectorPid;
    this.hubPid = hubPid;
    this.projectorData = projectorHome;
    this.hubData = hubHome;
  }

  /** CPU seconds so far: projector, hub, projector's PostgreSQL, hub's PostgreSQL. */
  Map<String, Double> sample() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put("projector", Cpu.ticks(projectorPid, false) * TICK_SECONDS);
    seconds.put("hub", Cpu.ticks(hubPid, false) * TICK_SECONDS);
    seconds.put("projector's PostgreSQL", postgres(projectorData) * TICK_SECONDS);
    seconds.put("hub's PostgreSQL", postgres(hubData) * TICK_SECONDS);
    return seconds;
  }

  /** Per process, CPU seconds and CPU-µs per event between two samples. */
  static String between(Map<String, Double> before, Map<String, Double> after, long events) {
    StringBuilder line = new StringBuilder();
    double total = 0;
    for (Map.Entry<String, Double> process : after.entrySet()) {
      double used = process.getValue() - before.get(process.getKey());
      total += used;
      line.append(
          String.format(
              "%n    %-24s %7.1f s  %6.1f µs/event", process.getKey(), used, used * 1e6 / events));
    }
    line.append(
        String.format("%n    %-24s %7.1f s  %6.1f µs/event", "all", total, total * 1e6 / events));
    return line.toString();
  }

  private long postgres(Path dataUnder) {
    String folder = dataUnder.toString();
    long total = 0;
    List<long[]> all = processes();
    for (long[] process : all) {
      long pid = process[0];
      String command = commandLine(pid);
      if (command.contains("postgres") && command.contains(" -D " + folder)) {
        total += Cpu.ticks(pid, true);
        for (long[] child : all) {
          if (child[1] == pid) {
            total += Cpu.ticks(child[0], false);
          }
        }
      }
    }
    return total;
  }

  /** Every process as {pid, parent pid}. */
  private static List<long[]> processes() {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .map(
              pid -> {
                String[] stat = Cpu.stat(pid);
                return stat == null ? null : new long[] {pid, Long.parseLong(stat[1])};
              })
          .filter(p -> p != null)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String commandLine(long pid) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }
}
