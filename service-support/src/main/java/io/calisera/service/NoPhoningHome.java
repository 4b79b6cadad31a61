package io.calisera.service;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Nothing of Calisera calls its vendors: Axon's update checker, which would report to AxonIQ at
 * startup, is switched off, and so is Axon's console advertisement, in every service that has this
 * library, however it is started ({@code ./calisera}, {@code java -jar}, a test).
 *
 * <p>Axon reads these switches only from system properties, the environment or a file in the user's
 * home, never from Spring's environment, so they are set as system properties before the
 * application context starts. A value the operator gave (system property, or {@code
 * AXONIQ_UPDATE_CHECKER_DISABLED} in the environment) is left as it is.
 */
public final class NoPhoningHome implements EnvironmentPostProcessor {

  static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";
  static final String UPDATE_CHECKER_DISABLED_ENV = "AXONIQ_UPDATE_CHECKER_DISABLED";
  static final String CONSOLE_MESSAGE_DISABLED = "disable-axoniq-console-message";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    apply(System.getenv(), System::getProperty, System::setProperty);
  }

  /** Sets each switch that neither a system property nor the environment has set. */
  static void apply(
      Map<String, String> environment,
      UnaryOperator<String> property,
      BiConsumer<String, String> setProperty) {
    if (property.apply(UPDATE_CHECKER_DISABLED) == null
        && environment.get(UPDATE_CHECKER_DISABLED_ENV) == null) {
      setProperty.accept(UPDATE_CHECKER_DISABLED, "true");
    }
    if (property.apply(CONSOLE_MESSAGE_DISABLED) == null) {
      setProperty.accept(CONSOLE_MESSAGE_DISABLED, "true");
    }
  }
}
