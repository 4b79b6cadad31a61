package io.calisera.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by the three processes of a run (this JVM, the hub, PostgreSQL with all its
 * backends), from {@code /proc}. On a machine with few cores, CPU per event says more than a rate
 * that other load on the machine can halve; the table shows both.
 */
final class Cpu {

  private static final double TICK_MICROS = 10_000; // USER_HZ is 100 on Linux

  private final long hubPid;
  private final long postmasterPid;

  Cpu(long hubPid, long postmasterPid) {
    this.hubPid = hubPid;
    this.postmasterPid = postmasterPid;
  }

  /** Ticks used so far by this JVM, the hub and PostgreSQL. */
  record Sample(long bench, long hub, long postgres, long nanos) {

    /** CPU microseconds per event between {@code earlier} and this sample, per process. */
    Usage since(Sample earlier, long events) {
      double per = events == 0 ? 0 : TICK_MICROS / events;
      double seconds = (nanos - earlier.nanos) / 1e9;
      long total = bench - earlier.bench + hub - earlier.hub + postgres - earlier.postgres;
      return new Usage(
          (bench - earlier.bench) * per,
          (hub - earlier.hub) * per,
          (postgres - earlier.postgres) * per,
          total * TICK_MICROS / 1e6 / seconds);
    }
  }

  /**
   * @param cores CPU cores busy on average over the window (all three processes)
   */
  record Usage(double bench, double hub, double postgres, double cores) {
    @Override
    public String toString() {
      return String.format("%.0f/%.0f/%.0f %.1f", bench, hub, postgres, cores);
    }
  }

  Sample sample() {
    return new Sample(
        ticks(ProcessHandle.current().pid(), false),
        ticks(hubPid, false),
        postgresTicks(),
        System.nanoTime());
  }

  private long postgresTicks() {
    long total = ticks(postmasterPid, true); // with the backends that have exited
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      total +=
          processes
              .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
              .mapToLong(
                  p -> {
                    String[] stat = stat(Long.parseLong(p.getFileName().toString()));
                    return stat != null && Long.parseLong(stat[1]) == postmasterPid
                        ? Long.parseLong(stat[11]) + Long.parseLong(stat[12])
                        : 0;
                  })
              .sum();
    } catch (IOException e) {
      return 0;
    }
    return total;
  }

  static long ticks(long pid, boolean withChildren) {
    String[] stat = stat(pid);
    if (stat == null) {
      return 0;
    }
    long own = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    return withChildren ? own + Long.parseLong(stat[13]) + Long.parseLong(stat[14]) : own;
  }

  /** The fields of {@code /proc/<pid>/stat} after the command name: [0] is the state. */
  static String[] stat(long pid) {
    try {
      String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return line.substring(line.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
