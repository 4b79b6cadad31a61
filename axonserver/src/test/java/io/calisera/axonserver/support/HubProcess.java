package io.calisera.axonserver.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The hub as the real thing: the built jar in its own JVM, on free ports, with its data in a folder
 * of the test's. It can be stopped, killed with SIGKILL and started again on the same data.
 */
public final class HubProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path home;
  private final int grpcPort;
  private final int httpPort;
  private final Map<String, String> environment;
  private final List<String> arguments;
  private Process process;

  private HubProcess(Path home, Map<String, String> environment, List<String> arguments) {
    this.home = home;
    this.grpcPort = freePort();
    this.httpPort = freePort();
    this.environment = environment;
    this.arguments = arguments;
  }

  /** A hub with embedded PostgreSQL under {@code home}. */
  public static HubProcess start(Path home, String... arguments) {
    return start(home, Map.of(), arguments);
  }

  public static HubProcess start(Path home, Map<String, String> environment, String... arguments) {
    var hub = new HubProcess(home, environment, List.of(arguments));
    hub.start();
    return hub;
  }

  public void start() {
    try {
      Files.createDirectories(home);
      List<String> command =
          new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-jar", jar().toString()));
      command.add("--calisera.hub.grpc-port=" + grpcPort);
      command.add("--server.port=" + httpPort);
      command.addAll(arguments);
      var builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("hub.log").toFile()));
      Map<String, String> env = new HashMap<>(builder.environment());
      env.keySet().removeIf(key -> key.startsWith("CALISERA_") || key.startsWith("AXON_"));
      env.put("CALISERA_HOME", home.toString());
      env.putAll(environment);
      builder.environment().clear();
      builder.environment().putAll(env);
      process = builder.start();
      awaitHealthy(Duration.ofSeconds(90));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The hub exited with " + process.exitValue() + "; see " + log());
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
        "The hub did not become healthy in " + timeout + "; see " + log());
  }

  /** Stops the hub the way an operator does (SIGTERM) and waits for it. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitForExit();
    }
  }

  /** Kills the hub with SIGKILL: no shutdown hooks, no clean-up. */
  public void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  private void waitForExit() {
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("hub exited").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String address() {
    return "localhost:" + grpcPort;
  }

  public int grpcPort() {
    return grpcPort;
  }

  public Path home() {
    return home;
  }

  public Path log() {
    return home.resolve("hub.log");
  }

  public ManagedChannel channel() {
    return ManagedChannelBuilder.forAddress("localhost", grpcPort).usePlaintext().build();
  }

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

  /** An application as {@code GET /v1/clients} lists it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Client(String clientId, String componentName, Instant connectedAt) {}

  /** The applications connected to the hub now. */
  public List<Client> clients() {
    HttpResponse<String> response = get("/v1/clients", Map.of());
    assertThat(response.statusCode()).as("GET /v1/clients").isEqualTo(200);
    try {
      return JSON.readValue(response.body(), new TypeReference<List<Client>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The connected application with this client id, if it is connected. */
  public Optional<Client> client(String clientId) {
    return clients().stream().filter(c -> c.clientId().equals(clientId)).findFirst();
  }

  /** The value of a gauge or counter without labels other than the application's. */
  public double metric(String name) {
    String body = get("/actuator/prometheus", Map.of()).body();
    return body.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No metric " + name));
  }

  @Override
  public void close() {
    stop();
  }

  private static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(f -> f.getFileName().toString().matches("axonserver-.*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("Build the hub jar first (mvn package)"))
          .toAbsolutePath();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
