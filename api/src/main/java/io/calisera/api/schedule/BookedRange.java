package io.calisera.api.schedule;

import io.calisera.api.common.Require;
import java.time.Duration;
import java.time.Instant;

/**
 * A live ({@code PENDING} or {@code CONFIRMED}) booking of the provider, of any of its services, as
 * the slot engine sees it. The buffers are those of the booking's own service; the booking occupies
 * {@code [start - bufferBefore, end + bufferAfter)}.
 */
public record BookedRange(
    String bookingId, Instant start, Instant end, int bufferBeforeMinutes, int bufferAfterMinutes) {

  public BookedRange {
    Require.notNull(bookingId, "bookingId");
    Require.notNull(start, "start");
    Require.notNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end must be after start " + start + ", was " + end);
    }
    if (bufferBeforeMinutes < 0) {
      throw new IllegalArgumentException(
          "bufferBeforeMinutes must not be negative, was " + bufferBeforeMinutes);
    }
    if (bufferAfterMinutes < 0) {
      throw new IllegalArgumentException(
          "bufferAfterMinutes must not be negative, was " + bufferAfterMinutes);
    }
  }

  /** A booking without buffers. */
  public static BookedRange of(String bookingId, Instant start, Instant end) {
    return new BookedRange(bookingId, start, end, 0, 0);
  }

  public Instant occupiedFrom() {
    return start.minus(Duration.ofMinutes(bufferBeforeMinutes));
  }

  public Instant occupiedUntil() {
    return end.plus(Duration.ofMinutes(bufferAfterMinutes));
  }
}
