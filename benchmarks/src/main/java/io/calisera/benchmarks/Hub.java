package io.calisera.benchmarks;

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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built hub jar in its own JVM on free ports, its events in the given PostgreSQL database
 * ({@code CALISERA_POSTGRES_URL}), as in production.
 */
final class Hub implements AutoCloseable {

  private final Process process;
  private final int grpcPort;
  private final Path log;

  private Hub(Process process, int grpcPort, Path log) {
    this.process = process;
    this.grpcPort = grpcPort;
    this.log = log;
  }

  static Hub start(Path jar, String jvmArgs, String postgresUrl, Path home) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No hub jar at " + jar + "; build it first (mvn package)");
    }
    Files.createDirectories(home);
    int grpcPort = freePort();
    int httpPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(jvmArgs.trim().split("\\s+")));
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--calisera.hub.grpc-port=" + grpcPort,
            "--server.port=" + httpPort));
    Path log = home.resolve("hub.log");
    var builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("CALISERA_") || k.startsWith("AXON_"));
    builder.environment().put("CALISERA_HOME", home.toString());
    builder.environment().put("CALISERA_POSTGRES_URL", postgresUrl);
    builder.environment().put("CALISERA_POSTGRES_USER", "postgres");
    builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
    Process process = builder.start();
    // an interrupted run must not leave the hub behind
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    var hub = new Hub(process, grpcPort, log);
    hub.awaitHealthy(httpPort, Duration.ofSeconds(120));
    return hub;
  }

  int grpcPort() {
    return grpcPort;
  }

  long pid() {
    return process.pid();
  }

  private void awaitHealthy(int httpPort, Duration timeout) {
    int grpcPort = this.grpcPort;
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    var health =
        HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/actuator/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The hub exited; see " + log);
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
            && accepts(grpcPort)) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(200);
    }
    throw new IllegalStateException("The hub did not become healthy; see " + log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static boolean accepts(int port) {
    try (var socket = new java.net.Socket("localhost", port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
