package io.calisera.benchmarks.platform;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.calisera.benchmarks.platform.LoadSettings.Row;
import io.calisera.benchmarks.platform.RowRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole platform under load through its public HTTP API: rows of concurrent clients booking
 * (guests and signed-in customers), listing slots and reading provider pages, in closed loops or at
 * a fixed arrival rate, and clients racing for hot slots; per row the throughput, latency
 * percentiles, status codes, CPU per booking of every process and their memory, and checks that
 * nothing was double-booked or lost. Prints a table and writes a JSON file. See
 * benchmarks/README.md ("The platform under load").
 */
public final class PlatformLoad {

  private PlatformLoad() {}

  public static void main(String[] args) throws Exception {
    Path repository = repository();
    LoadSettings settings = LoadSettings.fromSystemProperties(repository);
    Clock clock = Clock.systemUTC();
    boolean startsPlatform = settings.base() == null;
    String base = startsPlatform ? start(repository, settings.home()) : settings.base();
    List<Result> results = new ArrayList<>();
    try {
      Api api = new Api(base);
      Processes processes = Processes.of(settings.home());
      System.out.printf(
          "Platform at %s (data %s), processes %s; %d cores, load average %s%n",
          base,
          settings.home(),
          processes.names(),
          Runtime.getRuntime().availableProcessors(),
          loadAverage());
      int number = 0;
      for (Row row : settings.rows()) {
        number++;
        System.out.printf("%s: setting up ...%n", row.name());
        var run = new RowRun(api, processes, settings, row, clock, number);
        System.out.printf("%s: running (load average %s) ...%n", row.name(), loadAverage());
        Result result = run.run();
        results.add(result);
        System.out.println(line(result));
      }
    } finally {
      if (startsPlatform) {
        calisera(repository, settings.home(), "down");
      }
    }
    System.out.println();
    System.out.println(header());
    results.forEach(result -> System.out.println(line(result)));
    System.out.println();
    System.out.println(memory(results));
    write(settings, base, results, clock);
    boolean passed = results.stream().allMatch(result -> result.check().passed());
    results.stream()
        .filter(result -> !result.check().passed())
        .forEach(
            result ->
                System.out.printf(
                    "CHECK FAILED in %s: %s, own bookings offered back %d%n",
                    result.row().name(), result.check().problems(), result.check().offeredBack()));
    System.out.println(passed ? "Checks passed." : "CHECKS FAILED.");
    if (!passed) {
      System.exit(1);
    }
  }

  // ---- the platform

  /** Starts the platform with {@code ./calisera up --detach} on a new data folder. */
  static String start(Path repository, Path home) throws Exception {
    if (Files.exists(home.resolve("run"))) {
      calisera(repository, home, "down");
    }
    deleteRecursively(home);
    calisera(repository, home, "up", "--detach");
    return "http://localhost:" + System.getenv().getOrDefault("CALISERA_BFF_HTTP_PORT", "8080");
  }

  static void calisera(Path repository, Path home, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(repository.resolve("calisera").toString());
    command.addAll(List.of(arguments));
    var builder = new ProcessBuilder(command).directory(repository.toFile()).inheritIO();
    builder.environment().put("CALISERA_HOME", home.toString());
    // Every client of the load runs on this machine, so one address would meet the per-address
    // limits at once: the platform the driver starts measures the booking path, not the limiter.
    builder.environment().putIfAbsent("CALISERA_RATE_LIMIT_GUEST_BOOKINGS", "off");
    builder.environment().putIfAbsent("CALISERA_RATE_LIMIT_LOGINS", "off");
    int exit = builder.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("./calisera " + String.join(" ", arguments) + " failed");
    }
  }

  static Path repository() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("calisera")) && Files.exists(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("Run the load driver inside the repository");
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  static String loadAverage() {
    try {
      return String.join(
          " ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (IOException e) {
      return "?";
    }
  }

  // ---- the report

  private static String header() {
    return String.format(
        "%-14s %9s %19s %-22s %15s %15s %15s %9s %6s  %-44s %5s  %s",
        "row",
        "booked/s",
        "booking p50/p99 ms",
        "other answers",
        "slots7 p50/p99",
        "slots62 p50/p99",
        "page p50/p99",
        "ms CPU/b",
        "of JIT",
        "by process",
        "cores",
        "checks");
  }

  private static String line(Result result) {
    Meter.Figures booked = result.bookings();
    String others =
        booked.statuses().entrySet().stream()
                .filter(status -> status.getKey() != 201)
                .map(status -> status.getValue() + "x" + status.getKey())
                .collect(Collectors.joining(" "))
            + (booked.failures() > 0 ? " " + booked.failures() + "xnone" : "");
    return String.format(
        "%-14s %9.1f %19s %-22s %15s %15s %15s %9.2f %6.2f  %-44s %5.2f  %s",
        result.row().name(),
        result.bookingsPerSecond(),
        percentiles(booked),
        others.isBlank() ? "-" : others.trim(),
        percentiles(result.reads().get("slots 7 days")),
        percentiles(result.reads().get("slots 62 days")),
        percentiles(result.reads().get("provider page")),
        result.cpuMillisPerBooking(),
        result.jitMillisPerBooking(),
        result.cpuMillisPerBookingByProcess().entrySet().stream()
            .map(entry -> shortName(entry.getKey()) + " " + String.format("%.2f", entry.getValue()))
            .collect(Collectors.joining(", ")),
        result.cores(),
        checks(result.check()));
  }

  private static String percentiles(Meter.Figures figures) {
    if (figures == null || figures.answers() == 0) {
      return "";
    }
    return String.format("%.1f / %.1f", figures.p50(), figures.p99());
  }

  private static String checks(RowRun.Check check) {
    String counts =
        check.answered201()
            + " 201s, "
            + check.liveInAgendas()
            + " live"
            + (check.offeredBack() > 0 ? ", " + check.offeredBack() + " offered back" : "")
            + (check.notSent() > 0 ? ", " + check.notSent() + " not sent" : "");
    return (check.passed() ? "ok (" : "FAILED (") + counts + ")";
  }

  private static String memory(List<Result> results) {
    if (results.isEmpty()) {
      return "";
    }
    return "Memory (PSS) at the end, MiB: "
        + results.get(results.size() - 1).memoryMib().entrySet().stream()
            .map(entry -> entry.getKey() + " " + entry.getValue())
            .collect(Collectors.joining(", "));
  }

  private static String shortName(String process) {
    return process
        .replace("axonserver", "hub")
        .replace("command-side", "cmd")
        .replace("query-side", "qry")
        .replace(" postgres", "-pg")
        .replace("load driver", "driver");
  }

  private static void write(LoadSettings settings, String base, List<Result> results, Clock clock)
      throws IOException {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("at", clock.instant().toString());
    report.put("platform", base);
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("providersPerRow", settings.providers());
    report.put("warmupSeconds", settings.warmup().toSeconds());
    report.put("durationSeconds", settings.duration().toSeconds());
    report.put("rows", results);
    Files.createDirectories(settings.output().getParent());
    Api.JSON
        .writer()
        .with(SerializationFeature.INDENT_OUTPUT)
        .writeValue(settings.output().toFile(), report);
    System.out.println("Results written to " + settings.output());
  }
}
