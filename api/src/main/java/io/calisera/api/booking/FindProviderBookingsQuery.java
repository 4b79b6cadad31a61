package io.calisera.api.booking;

import io.calisera.api.common.Require;
import java.time.Instant;

/**
 * The agenda of a provider, earliest first: bookings whose start lies in {@code [from, to)} (either
 * bound may be absent), optionally of one status; answered with a {@link BookingPage}.
 *
 * @param page zero-based
 */
public record FindProviderBookingsQuery(
    String providerId, Instant from, Instant to, BookingStatus status, int page, int size) {

  public FindProviderBookingsQuery {
    Require.text(providerId, "providerId", 100);
    BookingPage.validate(from, to, page, size);
  }
}
