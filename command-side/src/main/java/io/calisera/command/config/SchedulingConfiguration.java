package io.calisera.command.config;

import io.calisera.command.booking.UnansweredBookings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** What the command side does by itself, on the platform's clock. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

  private final ObjectProvider<UnansweredBookings> unanswered;

  SchedulingConfiguration(ObjectProvider<UnansweredBookings> unanswered) {
    this.unanswered = unanswered;
  }

  /**
   * Declines the {@code PENDING} bookings that started unanswered, every {@code
   * calisera.command.unanswered-sweep-interval} (a booking is declined within about that long after
   * its start, plus the read models' lag).
   */
  @Scheduled(
      initialDelayString = "${calisera.command.unanswered-sweep-interval}",
      fixedDelayString = "${calisera.command.unanswered-sweep-interval}")
  void declineUnansweredBookings() {
    unanswered.getObject().declineStarted();
  }
}
