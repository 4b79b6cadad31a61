package io.calisera.bff;

import io.calisera.bff.config.BffProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The bff: the platform's only public entry point. It serves the public API v1, runs the logins,
 * issues Calisera's own tokens, and turns requests into commands and queries on the hub.
 */
@SpringBootApplication
@EnableConfigurationProperties(BffProperties.class)
@EnableScheduling
public class BffApplication {

  /** Axon's update checker would call its vendor at startup; nothing here may phone home. */
  static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

  static final String CONSOLE_MESSAGE_DISABLED = "disable-axoniq-console-message";

  public static void main(String[] args) {
    if (System.getProperty(UPDATE_CHECKER_DISABLED) == null
        && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
      System.setProperty(UPDATE_CHECKER_DISABLED, "true");
    }
    if (System.getProperty(CONSOLE_MESSAGE_DISABLED) == null) {
      System.setProperty(CONSOLE_MESSAGE_DISABLED, "true");
    }
    SpringApplication.run(BffApplication.class, args);
  }
}
