package io.calisera.notification.it;

import io.calisera.testing.PlatformProcesses;
import io.calisera.testing.PlatformProcesses.Service;
import io.calisera.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The platform ({@link PlatformProcesses}) whose business clocks stand at {@code now}, and the
 * notification saga, which a test starts, stops, kills and starts again on the same data with
 * settings of its own (its SMTP server, gateways, its own clock).
 */
final class PlatformWithSaga implements AutoCloseable {

  private static final String SAGA = Service.NOTIFICATION_SAGA.module() + "-1";

  private final PlatformProcesses platform;
  private final String api;

  private PlatformWithSaga(PlatformProcesses platform) {
    this.platform = platform;
    // every request comes from this machine while the business clock stands still: the rate
    // limits' buckets would never refill
    platform
        .prepare(
            Service.BFF,
            "bff-1",
            Map.of(
                "CALISERA_RATE_LIMIT_GUEST_BOOKINGS", "off", "CALISERA_RATE_LIMIT_LOGINS", "off"))
        .start();
    this.api = platform.bffUrl() + "/api/v1";
  }

  /**
   * The hub, a command side, a query side and a bff, whose business clocks stand at {@code now}.
   */
  static PlatformWithSaga start(Path home, Instant now) {
    return new PlatformWithSaga(PlatformProcesses.in(home).fixedNow(now).start());
  }

  String api() {
    return api;
  }

  /**
   * Starts the notification saga (for the first time, or again on the same data), with {@code
   * settings} over its defaults.
   *
   * @param clock its business clock stands here; {@code null}: the machine's clock
   */
  ServiceProcess startNotifications(Map<String, String> settings, Instant clock) {
    return platform.prepare(Service.NOTIFICATION_SAGA, SAGA, settings, clock).start();
  }

  ServiceProcess notifications() {
    return platform.process(SAGA);
  }

  @Override
  public void close() {
    platform.close();
  }
}
