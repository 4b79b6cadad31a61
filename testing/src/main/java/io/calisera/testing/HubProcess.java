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
 * its data (embedded PostgreSQL unless the environment names another) under a folder of the test's,
 * serving the applications of a {@link HubApplications} (Calisera's own and {@link
 * HubApplications#TESTER} unless a test names others), each with its own token. It can be stopped,
 * killed with SIGKILL and started again on the same data, ports and tokens.
 */
public final class HubProcess implements AutoCloseable {

  /** The header that carries an application's token, over gRPC and HTTP. */
  public static final String ACCESS_TOKEN_HEADER = "AxonIQ-Access-Token";

  /**
   * The hub's own JVM options, before a test's (which may override them): the bound on its direct
   * memory (gRPC's transport buffers) that {@code ./calisera} sets too.
   */
  public static final List<String> HUB_JVM = List.of("-XX:MaxDirectMemorySize=64m");

  private final Path home;
  private final int grpcPort;
  private final ServiceProcess process;
  private final HubApplications applications;

  private HubProcess(
      Path home, ServiceProcess process, int grpcPort, HubApplications applications) {
    this.home = home;
    this.process = process;
    this.grpcPort = grpcPort;
    this.applications = applications;
  }

  /** A hub with embedded PostgreSQL under {@code home}, started and healthy. */
  public static HubProcess start(Path home, String... arguments) {
    return start(home, Map.of(), arguments);
  }

  public static HubProcess start(Path home, Map<String, String> environment, String... arguments) {
    return start(home, HubApplications.platform(), environment, arguments);
  }

  /** A hub that serves {@code applications}. */
  public static HubProcess start(
      Path home,
      HubApplications applications,
      Map<String, String> environment,
      String... arguments) {
    return start(
        null, home, applications, environment, ServiceProcess.TEST_JVM, List.of(arguments));
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
    HubProcess hub =
        prepare(jar, home, HubApplications.platform(), environment, jvmOptions, arguments);
    hub.start();
    return hub;
  }

  private static HubProcess start(
      Path jar,
      Path home,
      HubApplications applications,
      Map<String, String> environment,
      List<String> jvmOptions,
      List<String> arguments) {
    HubProcess hub = prepare(jar, home, applications, environment, jvmOptions, arguments);
    hub.start();
    return hub;
  }

  /** A hub like {@link #start(Path, String...)}'s with its ports chosen, not started yet. */
  public static HubProcess prepare(Path home, String... arguments) {
    return prepare(
        null,
        home,
        HubApplications.platform(),
        Map.of(),
        ServiceProcess.TEST_JVM,
        List.of(arguments));
  }

  private static HubProcess prepare(
      Path jar,
      Path home,
      HubApplications applications,
      Map<String, String> environment,
      List<String> jvmOptions,
      List<String> arguments) {
    int grpcPort = ServiceProcess.freePort();
    int httpPort = ServiceProcess.freePort();
    var args = new ArrayList<String>();
    args.add("--calisera.hub.grpc-port=" + grpcPort);
    args.add("--server.port=" + httpPort);
    args.addAll(arguments);
    // one file per hub: a second hub on the same folder must not change the first one's tokens
    Path applicationsFile = home.resolve("hub-applications-" + grpcPort);
    applications.writeTo(applicationsFile);
    var env = new HashMap<String, String>(environment);
    env.putIfAbsent("CALISERA_HOME", home.toString());
    env.putIfAbsent("CALISERA_HUB_APPLICATIONS_FILE", applicationsFile.toString());
    var options = new ArrayList<String>(HUB_JVM);
    options.addAll(jvmOptions);
    var process =
        ServiceProcess.of("axonserver", home.resolve("hub.log"), httpPort, env, args, options);
    return new HubProcess(
        home, jar == null ? process : process.withJar(jar), grpcPort, applications);
  }

  /** The token of application {@code name}. */
  public String token(String name) {
    return applications.token(name);
  }

  /**
   * The environment that connects a service's built jar to this hub as application {@code name}:
   * {@code AXON_AXONSERVER_SERVERS}, {@code AXON_AXONSERVER_TOKEN} and {@code
   * CALISERA_HUB_HTTP_URL}, as {@code ./calisera up} passes them.
   */
  public Map<String, String> connectionEnvironment(String name) {
    return Map.of(
        "AXON_AXONSERVER_SERVERS",
        address(),
        "AXON_AXONSERVER_TOKEN",
        token(name),
        "CALISERA_HUB_HTTP_URL",
        httpUrl());
  }

  /** {@code environment} plus {@link #connectionEnvironment(String)}. */
  public Map<String, String> connectionEnvironment(String name, Map<String, String> environment) {
    var all = new HashMap<>(environment);
    all.putAll(connectionEnvironment(name));
    return all;
  }

  /** The same as command-line arguments, for an application started in the test's JVM. */
  public List<String> connectionArguments(String name) {
    return List.of(
        "--axon.axonserver.servers=" + address(),
        "--axon.axonserver.token=" + token(name),
        "--calisera.hub.http-url=" + httpUrl());
  }

  /** The hub's HTTP port, for {@code CALISERA_HUB_HTTP_URL}. */
  public String httpUrl() {
    return "http://localhost:" + httpPort();
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

  /** A GET on the hub's HTTP port as the operator (the {@code monitor} right). */
  public HttpResponse<String> get(String path) {
    return get(path, Map.of(ACCESS_TOKEN_HEADER, token("operator")));
  }

  /** A GET on the hub's HTTP port with exactly these headers. */
  public HttpResponse<String> get(String path, Map<String, String> headers) {
    return process.get(path, headers);
  }

  @Override
  public void close() {
    stop();
  }
}
