package io.calisera.api.booking;

import io.calisera.api.common.Require;
import java.time.Instant;

/**
 * The {@code PENDING} bookings of all providers whose start lies in {@code [startedFrom,
 * startedBefore)}, earliest first, at most {@code size}: those the contract declines automatically
 * because nobody answered them by their start. Answered with a {@link BookingPage} (page 0).
 */
public record FindUnansweredBookingsQuery(Instant startedFrom, Instant startedBefore, int size) {

  public FindUnansweredBookingsQuery {
    Require.notNull(startedFrom, "startedFrom");
    Require.notNull(startedBefore, "startedBefore");
    BookingPage.validate(startedFrom, startedBefore, 0, size);
  }
}
