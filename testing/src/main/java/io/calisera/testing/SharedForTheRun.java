package io.calisera.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Something slow to start (a hub, a platform) shared by the test classes of a run: the first class
 * that asks for it starts it, and it is closed when the run ends. A class gets it as a parameter of
 * its {@code @BeforeAll} method ({@code @ExtendWith} of the subclass); classes that share it keep
 * to data of their own, and leave it as they found it.
 *
 * @param <T> what is shared
 */
public abstract class SharedForTheRun<T extends AutoCloseable> implements ParameterResolver {

  private final Class<T> type;

  protected SharedForTheRun(Class<T> type) {
    this.type = type;
  }

  /** Starts what is shared; called once a run. */
  protected abstract T start();

  @Override
  public final boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == type;
  }

  @Override
  public final T resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return type.cast(
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(getClass()))
            .getOrComputeIfAbsent(type, key -> new Closing(start()), Closing.class)
            .shared());
  }

  /** Closes what is shared when the run's store is closed. */
  private record Closing(AutoCloseable shared) implements CloseableResource {

    @Override
    public void close() throws Exception {
      shared.close();
    }
  }
}
