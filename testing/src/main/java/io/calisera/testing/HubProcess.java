package io.calisera.testing;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub as the real thing: the built {@code axonserver} jar in its own JVM, on free ports, with
 * its data (embedded PostgreSQL unless the environment names another) under a folder of the test's.
 * It can be stopped, killed with SIGKILL and started again on the same data and ports.
 */
public final class HubProcess implements AutoCloseable {

  private final Path home;
  private final int grpcPort;
  private final ServiceProcess process;

  private HubProcess(Path home, ServiceProcess process, int grpcPort) {
    this.home = home;
    this.process = process;
    this.grpcPort = grpcPort;
  }

  /** A hub with embedded PostgreSQL under {@code home}, started and healthy. */
  public static HubProcess start(Path home, String... arguments) {
    return start(home, Map.of(), arguments);
  }

  public static HubProcess start(Path home, Map<String, String> environment, String... arguments) {
    return start(null, home, environment, List.of("-Xmx384m"), List.of(arguments));
  }

  /**
   * A hub from {@code jar} (null: this repository's build) in a JVM with {@code jvmOptions},
   * started and healthy.
   */
  public static HubProcess start(
      Path jar,
      Path home,
      Map<String, String> environment,
      List<String> jvmOptions,
      List<String> arguments) {
    HubProcess hub = prepare(jar, home, environment, jvmOptions, arguments);
    hub.start();
    return hub;
  }

  /** A hub like {@link #start(Path, String...)}'s with its ports chosen, not started yet. */
  public static HubProcess prepare(Path home, String... arguments) {
    return prepare(null, home, Map.of(), List.of("-Xmx384m"), List.of(arguments));
  }

  private static HubProcess prepare(
      Path jar,
      Path home,
      Map<String, String> environment,
      List<String> jvmOptions,
      List<String> arguments) {
    int grpcPort = ServiceProcess.freePort();
    int httpPort = ServiceProcess.freePort();
    var args = new ArrayList<String>();
    args.add("--calisera.hub.grpc-port=" + grpcPort);
    args.add("--server.port=" + httpPort);
    args.addAll(arguments);
    var env = new HashMap<String, String>(environment);
    env.putIfAbsent("CALISERA_HOME", home.toString());
    var process =
        ServiceProcess.of("axonserver", home.resolve("hub.log"), httpPort, env, args, jvmOptions);
    return new HubProcess(home, jar == null ? process : process.withJar(jar), grpcPort);
  }

  /** Starts the hub and waits until it is healthy. */
  public void start() {
    process.start();
  }

  /** Stops the hub the way an operator does (SIGTERM) and waits for it. */
  public void stop() {
    process.stop();
  }

  /** Kills the hub with SIGKILL: no shutdown hooks, no clean-up. */
  public void kill() {
    process.kill();
  }

  /** The gRPC address for {@code axon.axonserver.servers}. */
  public String address() {
    return "localhost:" + grpcPort;
  }

  public int grpcPort() {
    return grpcPort;
  }

  public long pid() {
    return process.pid();
  }

  public int httpPort() {
    return process.httpPort();
  }

  public Path home() {
    return home;
  }

  public Path log() {
    return process.log();
  }

  public ManagedChannel channel() {
    return ManagedChannelBuilder.forAddress("localhost", grpcPort).usePlaintext().build();
  }

  public HttpResponse<String> get(String path, Map<String, String> headers) {
    return process.get(path, headers);
  }

  @Override
  public void close() {
    stop();
  }
}
