package io.calisera.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A built service jar ({@code <module>/target/<module>-*.jar} of this repository) running in its
 * own JVM, the way it runs in production: started with environment and arguments, healthy when its
 * {@code /actuator/health} says so, stopped with SIGTERM or killed with SIGKILL, and started again
 * on the same data. Its output goes to a log file in the test's folder.
 */
public final class ServiceProcess implements AutoCloseable {

  /** The longest a service may take to become healthy. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  /**
   * The JVM of a service in a test: a small heap, and the quick compiler only (C1). A test's
   * processes live briefly, so starting is most of their work, and C1 halves the CPU a start takes
   * (the hub: 13-15 s of CPU with both compilers, 7-8 s with C1, measured). Benchmarks choose their
   * own.
   */
  public static final List<String> TEST_JVM = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

  private static final int FIRST_PORT = 15_000;
  private static final int LAST_PORT = 32_000;
  private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String module;
  private final Path jar; // null: the module's built jar in this repository
  private final Path logFile;
  private final int httpPort;
  private final Map<String, String> environment;
  private final List<String> arguments;
  private final List<String> jvmOptions;
  private Process process;

  private ServiceProcess(
      String module,
      Path jar,
      Path logFile,
      int httpPort,
      Map<String, String> environment,
      List<String> arguments,
      List<String> jvmOptions) {
    this.module = module;
    this.jar = jar;
    this.logFile = logFile;
    this.httpPort = httpPort;
    this.environment = Map.copyOf(environment);
    this.arguments = List.copyOf(arguments);
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * A process of {@code module}'s jar, not started yet.
   *
   * @param httpPort the service's HTTP port, which the caller also passes in {@code arguments} or
   *     {@code environment} as the service expects
   */
  public static ServiceProcess of(
      String module,
      Path logFile,
      int httpPort,
      Map<String, String> environment,
      List<String> arguments,
      List<String> jvmOptions) {
    return new ServiceProcess(module, null, logFile, httpPort, environment, arguments, jvmOptions);
  }

  /** The same process from another build of the module's jar (e.g. to compare two builds). */
  public ServiceProcess withJar(Path jar) {
    return new ServiceProcess(module, jar, logFile, httpPort, environment, arguments, jvmOptions);
  }

  /** Starts the process and waits until it is healthy. */
  public ServiceProcess start() {
    launch();
    try {
      awaitHealthy(START_TIMEOUT);
    } catch (RuntimeException notHealthy) {
      process.destroyForcibly(); // a service that hangs in start-up must not outlive the test
      throw notHealthy;
    }
    return this;
  }

  /** Starts the process without waiting for it to become healthy. */
  public ServiceProcess launch() {
    try {
      Files.createDirectories(logFile.getParent());
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      if (jar == null) {
        command.addAll(launch(module));
      } else {
        command.add("-jar");
        command.add(jar.toString());
      }
      command.addAll(arguments);
      var builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      // the test's own settings must not leak into the service: it gets only what we pass
      Map<String, String> env = new HashMap<>(builder.environment());
      env.keySet().removeIf(key -> key.startsWith("CALISERA_") || key.startsWith("AXON_"));
      env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
      env.putAll(environment);
      builder.environment().clear();
      builder.environment().putAll(env);
      process = builder.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code /actuator/health} answers 200; fails if the process exits first. */
  public void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            module + " exited with " + process.exitValue() + "; see " + logFile + lastLines());
      }
      try {
        if (get("/actuator/health", Map.of()).statusCode() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // still starting
      }
      sleep(200);
    }
    throw new IllegalStateException(
        module + " not healthy within " + timeout + "; see " + logFile + lastLines());
  }

  /** The end of the log, for failures whose test folder is gone by the time anyone looks. */
  private String lastLines() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return "; its last lines:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  /** Stops the process the way an operator does (SIGTERM) and waits for it to exit. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitForExit();
    }
  }

  /** Kills the process with SIGKILL: no shutdown hooks, no clean-up. */
  public void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException(module + " did not exit within 60 s; see " + logFile);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int httpPort() {
    return httpPort;
  }

  public Path log() {
    return logFile;
  }

  /** A GET on the service's HTTP port. */
  public HttpResponse<String> get(String path, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
            .timeout(Duration.ofSeconds(120));
    headers.forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * A port nobody listens on right now, never the same twice in one JVM. It lies below the kernel's
   * range for ephemeral ports (32768 and up on Linux): a port from that range, as binding port 0
   * gives, can be taken as the local end of any outgoing connection (a service's own database
   * connections, say) in the moment between this check and the service binding it.
   */
  public static int freePort() {
    var random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = random.nextInt(FIRST_PORT, LAST_PORT + 1);
      if (handedOut.add(port)) {
        try (var socket = new ServerSocket(port)) {
          return socket.getLocalPort();
        } catch (IOException taken) {
          // someone listens there: try another
        }
      }
    }
    throw new IllegalStateException("No free port between " + FIRST_PORT + " and " + LAST_PORT);
  }

  /**
   * How the JVM runs a module's build: its class-data archive and extracted jar ({@code
   * target/cds/<module>.jsa}, {@code target/cds/<module>-*.jar}) where the build made them (the
   * hub's, for a faster start), else {@code -jar} its jar.
   */
  static List<String> launch(String module) throws IOException {
    Path cds = repositoryRoot().resolve(module).resolve("target").resolve("cds");
    Path archive = cds.resolve(module + ".jsa");
    if (Files.exists(archive)) {
      try (Stream<Path> files = Files.list(cds)) {
        Optional<Path> extracted =
            files
                .filter(f -> f.getFileName().toString().matches(module + "-[0-9].*\\.jar"))
                .findFirst();
        if (extracted.isPresent()) {
          return List.of(
              "-XX:SharedArchiveFile=" + archive.toAbsolutePath(),
              "-jar",
              extracted.get().toAbsolutePath().toString());
        }
      }
    }
    return List.of("-jar", jar(module).toString());
  }

  /** The built jar of a module of this repository, found from any module's working directory. */
  static Path jar(String module) throws IOException {
    Path target = repositoryRoot().resolve(module).resolve("target");
    if (!Files.isDirectory(target)) {
      throw new IllegalStateException("Build " + module + " first (mvn package)");
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().matches(module + "-[0-9].*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("Build " + module + " first (mvn package)"))
          .toAbsolutePath();
    }
  }

  /** This repository's root (where {@code mvnw} is), found from any module's working directory. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "No repository root (with mvnw) above " + Path.of("").toAbsolutePath());
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
