package io.calisera.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The platform for integration and system tests, as {@code ./calisera up} runs it: the hub and each
 * service as the built jar in its own process, each service connected with its own token and the
 * rights {@code hub-rights} gives it, every one's data and log under one folder of the test's. The
 * bff runs as its jar too, or inside the test's JVM, where a test reaches its beans and moves its
 * clock.
 *
 * <pre>{@code
 * PlatformProcesses.in(home).fixedNow(NOW).instances(Service.COMMAND_SIDE, 2).start();
 * PlatformProcesses.in(home).instances(Service.BFF, 1).start();
 * PlatformProcesses.in(home).bffInThisJvm(launch -> ...).start();
 * }</pre>
 *
 * <p>Services start together once the hub is up, and stop in the reverse order of {@link Service},
 * the hub last. Instances are named {@code <module>-<n>} ({@code query-side-1}): the name is the
 * process's log file, data folder and Axon client id.
 */
public final class PlatformProcesses implements AutoCloseable {

  /**
   * The platform's services, in the order they are launched and, reversed, stopped. A new service
   * joins with its line here (its application, of the module's name, with its rights in {@code
   * hub-rights}).
   */
  public enum Service {
    COMMAND_SIDE("command-side"),
    QUERY_SIDE("query-side"),
    ANALYTICS_PROJECTOR("analytics-projector"),
    BFF(
        "bff",
        List.of(),
        port ->
            Map.of(
                "CALISERA_PUBLIC_BASE_URL",
                "http://localhost:" + port,
                "CALISERA_AUTH_DEV_LOGIN",
                "true")),
    NOTIFICATION_SAGA(
        "notification-saga",
        List.of(),
        port -> Map.of("CALISERA_SMTP_EMBEDDED_PORT", Integer.toString(ServiceProcess.freePort())));

    private final String module;
    private final List<String> arguments;
    private final IntFunction<Map<String, String>> environment;

    Service(String module) {
      this(module, List.of(), port -> Map.of());
    }

    /**
     * @param arguments what the service is told on its command line besides what every service is
     * @param environment its environment variables besides the hub's and its data folder, by port
     */
    Service(String module, List<String> arguments, IntFunction<Map<String, String>> environment) {
      this.module = module;
      this.arguments = arguments;
      this.environment = environment;
    }

    /** The module, which is also the service's application at the hub. */
    public String module() {
      return module;
    }
  }

  /** Starts a service inside the test's JVM, and answers what stops it. */
  @FunctionalInterface
  public interface InThisJvm {
    AutoCloseable start(Launch launch);
  }

  /**
   * What a service started in the test's JVM is told, as command-line arguments of a Spring Boot
   * application: the hub and its token, its port, its data folder, the business time and its own
   * settings, the same as the service's jar gets (its environment variables become arguments of the
   * same name, which fill the {@code ${NAME}} placeholders of its {@code application.yml}).
   *
   * @param fixedNow the platform's business time, if it stands still
   */
  public record Launch(
      String instance, int port, Optional<Instant> fixedNow, List<String> arguments) {

    /** Where clients reach it. */
    public String url() {
      return "http://localhost:" + port;
    }
  }

  /** How the platform is to be started; see {@link PlatformProcesses}. */
  public static final class Builder {

    private final Path home;
    private final Map<Service, Integer> instances = new EnumMap<>(Service.class);
    private Instant fixedNow;
    private InThisJvm bffInThisJvm;

    private Builder(Path home) {
      this.home = home;
      instances.put(Service.COMMAND_SIDE, 1);
      instances.put(Service.QUERY_SIDE, 1);
    }

    /**
     * Business time stands still at {@code now} in every service ({@code calisera.fixed-now}), so
     * that what a test books is judged against a known moment; a bff in the test's JVM gets a clock
     * that starts there and that the test moves. Unset: the machine's clock.
     */
    public Builder fixedNow(Instant now) {
      this.fixedNow = now;
      return this;
    }

    /**
     * How many instances of {@code service} run as processes: one command side and one query side
     * unless said otherwise, none of the others.
     */
    public Builder instances(Service service, int count) {
      instances.put(service, count);
      return this;
    }

    /** The bff inside the test's JVM (instead of a process), started by {@code start}. */
    public Builder bffInThisJvm(InThisJvm start) {
      this.bffInThisJvm = start;
      instances.remove(Service.BFF);
      return this;
    }

    /**
     * Starts the hub, then every service at once (as {@code ./calisera up} does), and returns when
     * all are healthy.
     */
    public PlatformProcesses start() {
      var platform = new PlatformProcesses(home, fixedNow, HubProcess.start(home.resolve("hub")));
      try {
        List<ServiceProcess> starting = new ArrayList<>();
        for (Service service : Service.values()) {
          for (int n = 1; n <= instances.getOrDefault(service, 0); n++) {
            starting.add(platform.prepare(service, service.module() + "-" + n, Map.of()).launch());
          }
        }
        if (bffInThisJvm != null) {
          platform.startBffInThisJvm(bffInThisJvm);
        }
        for (ServiceProcess process : starting) {
          process.awaitHealthy(ServiceProcess.START_TIMEOUT);
        }
        return platform;
      } catch (RuntimeException | Error e) {
        try {
          platform.close();
        } catch (RuntimeException alsoFailed) {
          e.addSuppressed(alsoFailed);
        }
        throw e;
      }
    }
  }

  private final Path home;
  private final Instant fixedNow;
  private final HubProcess hub;
  private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
  private AutoCloseable bffInThisJvm;
  private String bffUrl;

  private PlatformProcesses(Path home, Instant fixedNow, HubProcess hub) {
    this.home = home;
    this.fixedNow = fixedNow;
    this.hub = hub;
  }

  /** A platform with its data under {@code home}, to be started. */
  public static Builder in(Path home) {
    return new Builder(home);
  }

  public HubProcess hub() {
    return hub;
  }

  /** The service's process of that instance name, e.g. {@code query-side-1}. */
  public ServiceProcess process(String instance) {
    ServiceProcess process = processes.get(instance);
    if (process == null) {
      throw new IllegalArgumentException("No process " + instance + " among " + processes.keySet());
    }
    return process;
  }

  /** What {@code start} of {@link Builder#bffInThisJvm} answered. */
  public <T> T bffInThisJvm(Class<T> type) {
    return type.cast(bffInThisJvm);
  }

  /** Where clients reach the (first) bff: {@code http://localhost:<port>}. */
  public String bffUrl() {
    if (bffUrl == null) {
      throw new IllegalStateException("This platform has no bff");
    }
    return bffUrl;
  }

  /**
   * One more instance of {@code service}, not started yet ({@link ServiceProcess#start()}); it
   * stops with the platform.
   *
   * @param settings environment variables besides those of the platform, e.g. {@code
   *     CALISERA_BIND_ADDRESS}; they win over the service's own settings, and a {@code null} value
   *     leaves one unset (e.g. a bff that does not ask for dev-login)
   */
  public ServiceProcess prepare(Service service, String instance, Map<String, String> settings) {
    return prepare(service, instance, settings, fixedNow);
  }

  /**
   * As {@link #prepare(Service, String, Map)}, with a business time of its own ({@code null}: the
   * machine's clock). An instance whose process has stopped or was killed is prepared again, on the
   * same data folder: a restart, e.g. with its clock moved on.
   */
  public ServiceProcess prepare(
      Service service, String instance, Map<String, String> settings, Instant fixedNow) {
    ServiceProcess before = processes.get(instance);
    if (before != null && before.isAlive()) {
      throw new IllegalArgumentException("There is a process " + instance + " already");
    }
    processes.remove(instance);
    int port = ServiceProcess.freePort();
    var environment = new HashMap<>(service.environment.apply(port));
    settings.forEach(
        (name, value) -> {
          if (value == null) {
            environment.remove(name);
          } else {
            environment.put(name, value);
          }
        });
    environment.put("CALISERA_HOME", home.resolve(instance).toString());
    ServiceProcess process =
        ServiceProcess.of(
            service.module(),
            home.resolve(instance + ".log"),
            port,
            hub.connectionEnvironment(service.module(), environment),
            arguments(service, instance, port, fixedNow),
            ServiceProcess.TEST_JVM);
    processes.put(instance, process);
    if (service == Service.BFF && bffUrl == null) {
      bffUrl = "http://localhost:" + port;
    }
    return process;
  }

  private void startBffInThisJvm(InThisJvm start) {
    Service bff = Service.BFF;
    String instance = bff.module() + "-1";
    int port = ServiceProcess.freePort();
    var arguments = new ArrayList<>(hub.connectionArguments(bff.module()));
    arguments.addAll(arguments(bff, instance, port, fixedNow));
    bff.environment.apply(port).forEach((name, value) -> arguments.add("--" + name + "=" + value));
    arguments.add("--CALISERA_HOME=" + home.resolve(instance));
    var launch = new Launch(instance, port, Optional.ofNullable(fixedNow), List.copyOf(arguments));
    bffInThisJvm = start.start(launch);
    bffUrl = launch.url();
  }

  /** The service's arguments: its port, its client id, the business time, its own. */
  private static List<String> arguments(
      Service service, String instance, int port, Instant fixedNow) {
    var arguments = new ArrayList<>(service.arguments);
    arguments.add("--server.port=" + port);
    arguments.add("--axon.axonserver.client-id=" + instance);
    if (fixedNow != null) {
      arguments.add("--calisera.fixed-now=" + fixedNow);
    }
    return arguments;
  }

  /** Stops a bff in the test's JVM, then the processes in reverse order, then the hub. */
  @Override
  public void close() {
    try {
      if (bffInThisJvm != null) {
        bffInThisJvm.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("The bff in this JVM did not stop", e);
    } finally {
      List<ServiceProcess> started = new ArrayList<>(processes.values());
      for (int i = started.size() - 1; i >= 0; i--) {
        started.get(i).stop();
      }
      hub.stop();
    }
  }
}
