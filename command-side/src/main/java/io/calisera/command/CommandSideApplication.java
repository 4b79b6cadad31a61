package io.calisera.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The command side: the aggregates that guard providers, their calendars and bookings, slugs,
 * accounts and idempotency keys. It connects to the hub, handles the commands routed to it and
 * answers only health and metrics over HTTP.
 */
@SpringBootApplication
public class CommandSideApplication {

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
    SpringApplication.run(CommandSideApplication.class, args);
  }
}
