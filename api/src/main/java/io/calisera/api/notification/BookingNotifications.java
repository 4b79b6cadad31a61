package io.calisera.api.notification;

import java.time.Instant;
import java.util.List;

/** The messages about one booking, oldest first. */
public record BookingNotifications(String bookingId, List<Message> messages) {

  public BookingNotifications {
    messages = List.copyOf(messages);
  }

  /**
   * One message to one recipient on one channel.
   *
   * @param recipient an email address, a phone number in E.164, or a push device (its platform and
   *     the end of its token)
   * @param attempts how often sending was tried
   * @param lastAttemptAt {@code null} before the first attempt
   * @param scheduledFor reminders: the instant the reminder was due; {@code null} otherwise
   */
  public record Message(
      NotificationChannel channel,
      NotificationKind kind,
      String recipient,
      NotificationStatus status,
      int attempts,
      Instant lastAttemptAt,
      Instant scheduledFor) {}
}
