package io.calisera.bff.e2e;

import io.calisera.bff.BffApplication;
import io.calisera.bff.testing.MutableClock;
import io.calisera.testing.HubProcess;
import io.calisera.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The whole platform for end-to-end tests: the hub, the command side, the query side and the
 * analytics projector as the built jars in their own processes, and the bff in this JVM on a free
 * port. Business time stands at {@code now} on the query side and the command side ({@code
 * calisera.fixed-now}: no booking of the test is declined as unanswered by the real clock) and
 * starts there in the bff, whose {@link MutableClock} a test may move (commands carry the bff's
 * time).
 */
final class Platform implements AutoCloseable {

  final HubProcess hub;
  final ServiceProcess commandSide;
  final ServiceProcess querySide;
  final ServiceProcess analytics;
  final ConfigurableApplicationContext bff;
  final MutableClock clock;
  final String base;

  private Platform(
      HubProcess hub,
      ServiceProcess commandSide,
      ServiceProcess querySide,
      ServiceProcess analytics,
      ConfigurableApplicationContext bff,
      String base) {
    this.hub = hub;
    this.commandSide = commandSide;
    this.querySide = querySide;
    this.analytics = analytics;
    this.bff = bff;
    this.clock = bff.getBean(MutableClock.class);
    this.base = base;
  }

  static Platform start(Path home, Instant now) {
    HubProcess hub = HubProcess.start(home.resolve("hub"));
    ServiceProcess commandSide = null;
    ServiceProcess querySide = null;
    ServiceProcess analytics = null;
    try {
      commandSide = service(home, hub, "command-side", List.of("--calisera.fixed-now=" + now));
      querySide = service(home, hub, "query-side", List.of("--calisera.fixed-now=" + now));
      analytics = service(home, hub, "analytics-projector", List.of());
      int port = ServiceProcess.freePort();
      String base = "http://localhost:" + port;
      TestClock.start = now;
      var arguments = new ArrayList<>(hub.connectionArguments("bff"));
      arguments.addAll(
          List.of(
              "--server.port=" + port,
              "--calisera.home=" + home.resolve("calisera"),
              "--calisera.public-base-url=" + base,
              "--calisera.auth.dev-login=true",
              // every request comes from this machine while the bff's business clock mostly
              // stands still: the rate limits' buckets would never refill
              "--calisera.rate-limits.logins=off",
              "--calisera.rate-limits.guest-bookings=off",
              "--axon.axonserver.client-id=bff-e2e",
              "--logging.level.io.calisera.bff.gateway.ReadYourWrites=debug"));
      ConfigurableApplicationContext bff =
          new SpringApplicationBuilder(BffApplication.class, TestClock.class)
              // command-line arguments: they win over the module's application.yml
              .run(arguments.toArray(String[]::new));
      return new Platform(hub, commandSide, querySide, analytics, bff, base);
    } catch (RuntimeException e) {
      for (ServiceProcess service : new ServiceProcess[] {analytics, querySide, commandSide}) {
        if (service != null) {
          service.stop();
        }
      }
      hub.stop();
      throw e;
    }
  }

  private static ServiceProcess service(
      Path home, HubProcess hub, String module, List<String> arguments) {
    int port = ServiceProcess.freePort();
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--axon.axonserver.client-id=" + module + "-e2e");
    args.addAll(arguments);
    return ServiceProcess.of(
            module,
            home.resolve(module + ".log"),
            port,
            hub.connectionEnvironment(
                module, Map.of("CALISERA_HOME", home.resolve("calisera").toString())),
            args,
            List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"))
        .start();
  }

  @Override
  public void close() {
    bff.close();
    analytics.stop();
    querySide.stop();
    commandSide.stop();
    hub.stop();
  }

  /**
   * The bff's business {@link Clock} in place of its system clock: a source of the application,
   * {@code @Primary} over the bff's own.
   */
  static class TestClock {
    static Instant start;

    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(start);
    }
  }
}
