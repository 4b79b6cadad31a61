package io.calisera.system;

import io.calisera.testing.HubProcess;
import io.calisera.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform as separate processes, each from its built jar: the hub and any number of
 * command-side and query-side instances, with their data under one folder of the test's. Each
 * service connects to the hub with its own token and the rights {@code hub-rights} gives it, as
 * {@code ./calisera up} starts them.
 */
final class Platform implements AutoCloseable {

  private final Path home;
  private final HubProcess hub;
  private final List<ServiceProcess> services = new ArrayList<>();

  private Platform(Path home) {
    this.home = home;
    this.hub = HubProcess.start(home.resolve("hub"));
  }

  static Platform start(Path home) {
    return new Platform(home);
  }

  HubProcess hub() {
    return hub;
  }

  ServiceProcess startCommandSide(String instance) {
    int port = ServiceProcess.freePort();
    return started(
        ServiceProcess.of(
            "command-side",
            home.resolve(instance + ".log"),
            port,
            hub.connectionEnvironment("command-side"),
            List.of(
                "--server.port=" + port,
                "--axon.axonserver.client-id=" + instance,
                "--axon.axonserver.component-name=command-side",
                // unanswered PENDING bookings are declined within seconds of their start
                "--calisera.command.unanswered-sweep-interval=PT2S"),
            List.of("-Xmx256m")));
  }

  /**
   * A query side whose business clock stands still.
   *
   * @param now the business clock of the query side stands still here, so that slots are computed
   *     for a known moment
   */
  ServiceProcess startQuerySide(String instance, Instant now) {
    return startQuerySide(instance, List.of("--calisera.fixed-now=" + now));
  }

  /** A query side on the real clock. */
  ServiceProcess startQuerySide(String instance) {
    return startQuerySide(instance, List.of());
  }

  private ServiceProcess startQuerySide(String instance, List<String> extraArguments) {
    int port = ServiceProcess.freePort();
    var arguments = new ArrayList<String>();
    arguments.add("--server.port=" + port);
    arguments.add("--axon.axonserver.client-id=" + instance);
    arguments.addAll(extraArguments);
    return started(
        ServiceProcess.of(
            "query-side",
            home.resolve(instance + ".log"),
            port,
            hub.connectionEnvironment(
                "query-side", Map.of("CALISERA_HOME", home.resolve(instance).toString())),
            arguments,
            List.of("-Xmx256m")));
  }

  /** The bff on a free port, with dev-login on and its own embedded PostgreSQL. */
  ServiceProcess startBff(String instance) {
    return started(bff(instance, Map.of(), true));
  }

  /**
   * A bff on a free port with its own embedded PostgreSQL and these settings, not started yet.
   *
   * @param devLogin whether it asks for dev-login ({@code CALISERA_AUTH_DEV_LOGIN=true})
   */
  ServiceProcess bff(String instance, Map<String, String> settings, boolean devLogin) {
    int port = ServiceProcess.freePort();
    var environment = new HashMap<String, String>(hub.connectionEnvironment("bff", settings));
    environment.put("CALISERA_HOME", home.resolve(instance).toString());
    environment.put("CALISERA_PUBLIC_BASE_URL", "http://localhost:" + port);
    if (devLogin) {
      environment.put("CALISERA_AUTH_DEV_LOGIN", "true");
    }
    return ServiceProcess.of(
        "bff",
        home.resolve(instance + ".log"),
        port,
        environment,
        List.of("--server.port=" + port, "--axon.axonserver.client-id=" + instance),
        List.of("-Xmx320m"));
  }

  private ServiceProcess started(ServiceProcess service) {
    services.add(service);
    return service.start();
  }

  @Override
  public void close() {
    services.forEach(ServiceProcess::stop);
    hub.stop();
  }
}
