package io.calisera.axonserver.support;

import io.calisera.testing.HubProcess;
import io.calisera.testing.SharedForTheRun;
import io.calisera.testing.TestFolders;
import java.nio.file.Path;

/**
 * One hub with the default settings, shared by the test classes that need nothing else. A hub with
 * its database takes several seconds to start, so such classes share one instead of each starting
 * its own.
 *
 * <p>A class gets it as a parameter of its {@code @BeforeAll} method
 * ({@code @ExtendWith(SharedHub.class)}), never stops it, and closes the clients it connected, so
 * that the next class finds no handler of its own left behind. Classes keep to aggregates and names
 * of their own; none may expect an empty event store. Its data and log stay in {@code
 * target/shared-hub}.
 */
public final class SharedHub extends SharedForTheRun<HubProcess> {

  public SharedHub() {
    super(HubProcess.class);
  }

  @Override
  protected HubProcess start() {
    return HubProcess.start(TestFolders.emptied(Path.of("target", "shared-hub")));
  }
}
