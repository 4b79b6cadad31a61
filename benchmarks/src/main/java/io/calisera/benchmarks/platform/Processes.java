package io.calisera.benchmarks.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The platform's processes as {@code ./calisera up} runs them, read from {@code /proc}: each
 * service's JVM (its pid file under {@code $CALISERA_HOME/run}) and each embedded PostgreSQL server
 * with its backends (the postmaster whose data folder lies under {@code $CALISERA_HOME}, counted
 * with the backends that have exited), plus this JVM, the load driver. CPU is in clock ticks of
 * {@code USER_HZ} (100 per second on Linux).
 */
final class Processes {

  static final double TICKS_PER_SECOND = 100;

  private static final List<String> SERVICES =
      List.of(
          "axonserver",
          "command-side",
          "query-side",
          "bff",
          "notification-saga",
          "analytics-projector");

  /** A process group: one pid, counted with its children when {@code withChildren}. */
  private record Group(String name, long pid, boolean withChildren) {}

  private final List<Group> groups;

  private Processes(List<Group> groups) {
    this.groups = List.copyOf(groups);
  }

  /** The running platform whose data lies in {@code home}. */
  static Processes of(Path home) {
    List<Group> groups = new ArrayList<>();
    for (String service : SERVICES) {
      Path pidFile = home.resolve("run").resolve(service + ".pid");
      if (Files.exists(pidFile)) {
        try {
          groups.add(new Group(service, Long.parseLong(Files.readString(pidFile).trim()), false));
        } catch (IOException | NumberFormatException e) {
          throw new IllegalStateException("Cannot read " + pidFile, e);
        }
      }
    }
    if (groups.isEmpty()) {
      throw new IllegalStateException(
          "No service pid files under " + home.resolve("run") + ": is the platform running there?");
    }
    for (long pid : allPids()) {
      String commandLine = commandLine(pid);
      for (String service : SERVICES) {
        if (commandLine.contains(" -D " + home.resolve(service).resolve("postgres") + " ")) {
          groups.add(new Group(service + " postgres", pid, true));
        }
      }
    }
    groups.add(new Group("load driver", ProcessHandle.current().pid(), false));
    return new Processes(groups);
  }

  /** The names, in the order of the samples' values. */
  List<String> names() {
    return groups.stream().map(Group::name).toList();
  }

  /** CPU ticks used so far, by group. */
  Map<String, Long> cpuTicks() {
    Map<Long, List<Long>> children = childrenByParent();
    Map<String, Long> ticks = new LinkedHashMap<>();
    for (Group group : groups) {
      long total = ticks(group.pid(), group.withChildren());
      if (group.withChildren()) {
        for (long child : children.getOrDefault(group.pid(), List.of())) {
          total += ticks(child, false);
        }
      }
      ticks.put(group.name(), total);
    }
    return ticks;
  }

  /**
   * CPU ticks used so far by the JIT compiler threads ({@code C1/C2 CompilerThread}) of each JVM
   * (the PostgreSQL groups are not JVMs). A JVM on two cores has one of each, which never exit, so
   * two readings subtract; a thread that had exited would make the difference too small.
   */
  Map<String, Long> jitTicks() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    for (Group group : groups) {
      if (group.withChildren()) {
        continue;
      }
      long total = 0;
      Path tasks = Path.of("/proc", Long.toString(group.pid()), "task");
      try (Stream<Path> threads = Files.list(tasks)) {
        for (Path thread : threads.toList()) {
          String name = readOrEmpty(thread.resolve("comm"));
          if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            String[] stat = stat(thread.resolve("stat"));
            total += stat == null ? 0 : Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
          }
        }
      } catch (IOException | RuntimeException e) {
        // the process is gone
      }
      ticks.put(group.name(), total);
    }
    return ticks;
  }

  /**
   * Memory now in MiB, by group: the proportional set size (PSS), so that a server's backends do
   * not each count the shared buffers they all map.
   */
  Map<String, Long> memoryMib() {
    Map<Long, List<Long>> children = childrenByParent();
    Map<String, Long> memory = new LinkedHashMap<>();
    for (Group group : groups) {
      long kib = pssKib(group.pid());
      if (group.withChildren()) {
        for (long child : children.getOrDefault(group.pid(), List.of())) {
          kib += pssKib(child);
        }
      }
      memory.put(group.name(), kib / 1024);
    }
    return memory;
  }

  /** The pid of a service's JVM, e.g. {@code bff}. */
  long pid(String name) {
    return groups.stream()
        .filter(group -> group.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No process " + name + " in " + names()))
        .pid();
  }

  /** How many threads the process has now ({@code Threads:} of {@code /proc/<pid>/status}). */
  static long threads(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("Threads:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone
    }
    return 0;
  }

  /** Memory (PSS) of one process in MiB. */
  static long pssMib(long pid) {
    return pssKib(pid) / 1024;
  }

  private static Map<Long, List<Long>> childrenByParent() {
    Map<Long, List<Long>> children = new LinkedHashMap<>();
    for (long pid : allPids()) {
      String[] stat = stat(pid);
      if (stat != null) {
        children.computeIfAbsent(Long.parseLong(stat[1]), parent -> new ArrayList<>()).add(pid);
      }
    }
    return children;
  }

  private static List<Long> allPids() {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list /proc", e);
    }
  }

  private static long ticks(long pid, boolean withExitedChildren) {
    String[] stat = stat(pid);
    if (stat == null) {
      return 0;
    }
    long own = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    return withExitedChildren ? own + Long.parseLong(stat[13]) + Long.parseLong(stat[14]) : own;
  }

  private static long pssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone
    }
    return 0;
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")))
              .replace('\0', ' ')
          + " ";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** The fields of {@code /proc/<pid>/stat} after the command name: [0] is the state. */
  private static String[] stat(long pid) {
    return stat(Path.of("/proc", Long.toString(pid), "stat"));
  }

  /** The same for a process's or a thread's {@code stat} file. */
  private static String[] stat(Path file) {
    try {
      String line = Files.readString(file);
      return line.substring(line.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
