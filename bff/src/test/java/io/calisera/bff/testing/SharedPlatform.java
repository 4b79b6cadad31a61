package io.calisera.bff.testing;

import io.calisera.testing.PlatformProcesses;
import io.calisera.testing.PlatformProcesses.Service;
import io.calisera.testing.SharedForTheRun;
import io.calisera.testing.TestFolders;
import io.calisera.testissuer.LocalIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One platform for the bff's end-to-end tests: the hub, the command side, the query side and the
 * analytics projector as the built jars in their own processes, the bff in this JVM, and a local
 * OpenID Connect provider. Business time stands still, and each class sets the bff's clock where it
 * needs it (commands carry the bff's time). A platform takes half a minute or more to start on two
 * cores, so the classes share one; each keeps to providers and accounts of its own.
 *
 * <p>Its data and logs stay in {@code target/e2e-platform} for whoever reads a failure.
 */
public final class SharedPlatform extends SharedForTheRun<SharedPlatform.Running> {

  /** Where business time stands when the platform starts: the first class's time. */
  public static final Instant STARTS_AT = Instant.parse("2025-03-27T08:00:00Z");

  /** The live slots streams' keep-alive: short, so that a client that left is noticed soon. */
  public static final Duration LIVE_SLOTS_KEEP_ALIVE = Duration.ofMillis(300);

  /** The live slots streams' bound at this bff. */
  public static final int LIVE_SLOTS_MAX_STREAMS = 2;

  /** The running platform, its bff and the identity provider the bff trusts. */
  public record Running(PlatformProcesses platform, BffInThisJvm bff, LocalIssuer issuer)
      implements AutoCloseable {

    @Override
    public void close() {
      try {
        platform.close();
      } finally {
        issuer.close();
      }
    }
  }

  public SharedPlatform() {
    super(Running.class);
  }

  @Override
  protected Running start() {
    var issuer = new AtomicReference<LocalIssuer>();
    try {
      PlatformProcesses platform =
          PlatformProcesses.in(TestFolders.emptied(Path.of("target", "e2e-platform")))
              .fixedNow(STARTS_AT)
              .instances(Service.ANALYTICS_PROJECTOR, 1)
              .bffInThisJvm(
                  launch -> {
                    issuer.set(LocalIssuer.start(launch.url() + "/login/oauth2/code/local"));
                    return BffInThisJvm.start(
                        launch,
                        "--calisera.auth.providers.local.issuer-uri=" + issuer.get().issuer(),
                        "--calisera.auth.providers.local.audiences=" + LocalIssuer.MOBILE,
                        // every request comes from this machine while the bff's business clock
                        // mostly stands still: the rate limits' buckets would never refill
                        "--calisera.rate-limits.logins=off",
                        "--calisera.rate-limits.guest-bookings=off",
                        "--calisera.live-slots.keep-alive="
                            + LIVE_SLOTS_KEEP_ALIVE.toMillis()
                            + "ms",
                        "--calisera.live-slots.max-streams=" + LIVE_SLOTS_MAX_STREAMS,
                        "--logging.level.io.calisera.bff.gateway.ReadYourWrites=debug");
                  })
              .start();
      return new Running(platform, platform.bffInThisJvm(BffInThisJvm.class), issuer.get());
    } catch (RuntimeException failed) {
      if (issuer.get() != null) {
        issuer.get().close();
      }
      throw failed;
    }
  }
}
