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

  public static void main(String[] args) {
    SpringApplication.run(CommandSideApplication.class, args);
  }
}
