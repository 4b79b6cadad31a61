package io.calisera.bff.testing;

import io.calisera.bff.BffApplication;
import io.calisera.testing.PlatformProcesses;
import io.calisera.testing.PlatformProcesses.Launch;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The bff inside the test's JVM, connected to a platform of processes ({@link
 * PlatformProcesses.Builder#bffInThisJvm}), with its beans at hand. When the platform's business
 * time stands still, the bff's clock is a {@link MutableClock} that starts there and that the test
 * moves (commands carry the bff's time).
 */
public final class BffInThisJvm implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private BffInThisJvm(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Starts the bff with what the platform tells it and these arguments (which win). */
  public static BffInThisJvm start(Launch launch, String... arguments) {
    var all = new ArrayList<>(launch.arguments());
    all.addAll(List.of(arguments));
    var application = new SpringApplicationBuilder(BffApplication.class);
    launch
        .fixedNow()
        .ifPresent(
            now ->
                application.initializers(
                    context ->
                        ((GenericApplicationContext) context)
                            .registerBean(
                                MutableClock.class,
                                () -> new MutableClock(now),
                                bean -> bean.setPrimary(true))));
    // command-line arguments: they win over the module's application.yml
    return new BffInThisJvm(application.run(all.toArray(String[]::new)));
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** The business clock, when the platform's time stands still. */
  public MutableClock clock() {
    return bean(MutableClock.class);
  }

  @Override
  public void close() {
    context.close();
  }
}
