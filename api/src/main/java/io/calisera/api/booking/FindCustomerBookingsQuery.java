package io.calisera.api.booking;

import io.calisera.api.common.Require;
import java.time.Instant;

/**
 * A customer's own bookings, newest first: bookings whose start lies in {@code [from, to)} (either
 * bound may be absent), optionally of one status; answered with a {@link BookingPage}.
 *
 * @param page zero-based
 */
public record FindCustomerBookingsQuery(
    String customerAccountId, Instant from, Instant to, BookingStatus status, int page, int size) {

  public FindCustomerBookingsQuery {
    Require.text(customerAccountId, "customerAccountId", 100);
    BookingPage.validate(from, to, page, size);
  }
}
