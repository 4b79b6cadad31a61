package io.calisera.api.notification;

import io.calisera.api.common.Require;

/**
 * What was sent, or is still to be sent, about one booking; answered with {@link
 * BookingNotifications} (empty for a booking nothing was sent about).
 */
public record FindBookingNotificationsQuery(String bookingId) {

  public FindBookingNotificationsQuery {
    Require.text(bookingId, "bookingId", 100);
  }
}
