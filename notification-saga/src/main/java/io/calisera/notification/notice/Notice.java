package io.calisera.notification.notice;

import io.calisera.api.notification.NotificationKind;
import java.time.Instant;

/**
 * A decision that someone is to be told something about a booking: what ({@code kind}), about which
 * version of it ({@code sequence}, the iCalendar {@code SEQUENCE}: 0 when placed, raised on every
 * change), and what the booking was then. Which channels and addresses it goes to is decided when
 * it is delivered.
 *
 * @param scheduledFor a reminder's due instant; {@code null} for the other kinds
 */
public record Notice(
    NotificationKind kind, int sequence, Instant scheduledFor, BookingFacts booking) {

  public static Notice of(NotificationKind kind, int sequence, BookingFacts booking) {
    return new Notice(kind, sequence, null, booking);
  }

  public static Notice reminder(int sequence, Instant scheduledFor, BookingFacts booking) {
    return new Notice(NotificationKind.REMINDER, sequence, scheduledFor, booking);
  }
}
