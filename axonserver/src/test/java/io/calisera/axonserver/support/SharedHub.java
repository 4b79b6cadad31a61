package io.calisera.axonserver.support;

import io.calisera.testing.HubProcess;
import io.calisera.testing.TestFolders;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One hub with the default settings, shared by the test classes that need nothing else: the first
 * class that asks for it starts it, and it stops when the test run ends. A hub with its database
 * takes several seconds to start, so such classes share one instead of each starting its own.
 *
 * <p>A class gets it as a parameter of its {@code @BeforeAll} method
 * ({@code @ExtendWith(SharedHub.class)}), never stops it, and closes the clients it connected, so
 * that the next class finds no handler of its own left behind. Classes keep to aggregates and names
 * of their own; none may expect an empty event store. Its data and log stay in {@code
 * target/shared-hub}.
 */
public final class SharedHub implements ParameterResolver {

  private record Running(HubProcess hub) implements CloseableResource {
    @Override
    public void close() {
      hub.stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == HubProcess.class;
  }

  @Override
  public HubProcess resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(SharedHub.class))
        .getOrComputeIfAbsent(
            Running.class,
            type ->
                new Running(HubProcess.start(TestFolders.emptied(Path.of("target", "shared-hub")))),
            Running.class)
        .hub();
  }
}
