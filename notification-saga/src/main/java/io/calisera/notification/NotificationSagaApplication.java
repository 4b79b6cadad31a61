package io.calisera.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The notification saga: follows every booking's life from the hub's events, tells its customer and
 * its provider's owner by email (with an iCalendar invitation), SMS and push, reminds before the
 * start, declines what is still unanswered at its start, and keeps a record of every message.
 */
@SpringBootApplication
public class NotificationSagaApplication {

  public static void main(String[] args) {
    SpringApplication.run(NotificationSagaApplication.class, args);
  }
}
