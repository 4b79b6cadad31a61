package io.calisera.api.audit;

import io.calisera.api.common.Require;
import java.time.Instant;

/**
 * A booking as it stood at {@code asOf}: its events stored up to that instant (included), folded by
 * {@link io.calisera.api.booking.BookingRecord}. Answered with a {@link
 * io.calisera.api.booking.BookingView}, {@code null} when it did not exist yet.
 */
public record FindBookingAsOfQuery(String bookingId, Instant asOf) {

  public FindBookingAsOfQuery {
    Require.text(bookingId, "bookingId", 100);
    Require.notNull(asOf, "asOf");
  }
}
