package io.calisera.system;

import io.calisera.testing.PlatformProcesses;
import io.calisera.testing.PlatformProcesses.Service;
import io.calisera.testing.SharedForTheRun;
import io.calisera.testing.TestFolders;
import java.nio.file.Path;

/**
 * One platform as {@code ./calisera up} starts it (the hub, the command side, the query side, the
 * analytics projector, the bff and notification-saga, each its own process on the machine's clock),
 * shared by the system tests that need nothing else. A platform takes half a minute or more to
 * start on two cores, so classes share one instead of each starting its own.
 *
 * <p>A class gets it as a parameter of its {@code @BeforeAll} method
 * ({@code @ExtendWith(SharedPlatform.class)}). Classes sharing it keep to their own providers and
 * accounts, and the ones that kill a process run last and leave the platform running again
 * ({@code @Order}: {@code src/test/resources/junit-platform.properties} orders the classes).
 *
 * <p>Its data and logs stay in {@code target/shared-platform} for whoever reads a failure.
 */
final class SharedPlatform extends SharedForTheRun<SharedPlatform.Running> {

  /** The running platform and the folder that holds its data and logs. */
  record Running(PlatformProcesses platform, Path home) implements AutoCloseable {

    @Override
    public void close() {
      platform.close();
    }
  }

  SharedPlatform() {
    super(Running.class);
  }

  @Override
  protected Running start() {
    Path home = TestFolders.emptied(Path.of("target", "shared-platform"));
    long began = System.nanoTime();
    PlatformProcesses platform =
        PlatformProcesses.in(home)
            .instances(Service.ANALYTICS_PROJECTOR, 1)
            .instances(Service.BFF, 1)
            .instances(Service.NOTIFICATION_SAGA, 1)
            .start();
    // what the suite waits for before its first class: where a new process would show
    System.out.printf("SharedPlatform: started in %.1f s%n", (System.nanoTime() - began) / 1e9);
    return new Running(platform, home);
  }
}
