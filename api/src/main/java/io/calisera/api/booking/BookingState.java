package io.calisera.api.booking;

import io.calisera.api.schedule.BookedRange;
import java.time.Duration;
import java.time.Instant;

/**
 * What a booking's events make of it, as far as decisions go: who its customer is, when it is, what
 * it occupies, its cancellation notice and its status. {@link #after} is the one fold of a
 * booking's events: the command side keeps this state for its decisions, {@link BookingRecord} (the
 * read models, the audit's state as of an instant) adds to it only what readers see.
 *
 * @param customerAccountId {@code null} for a guest's booking
 * @param cancellationNoticeMinutes the notice of its service when it was placed
 */
public record BookingState(
    String bookingId,
    String serviceId,
    String customerAccountId,
    Instant start,
    Instant end,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    int cancellationNoticeMinutes,
    BookingStatus status) {

  /**
   * The booking after {@code event}: placing starts it anew; moving changes its time and buffers
   * (customer, notice and status stay); the other events change its status.
   *
   * @param before the booking before the event, {@code null} when there was none
   * @return {@code null} for an event about a booking that was never placed
   * @throws IllegalArgumentException for an event of another booking
   */
  public static BookingState after(BookingState before, BookingEvent event) {
    if (event instanceof BookingPlacedEvent placed) {
      return placed(placed);
    }
    if (before == null) {
      return null;
    }
    if (!before.bookingId.equals(event.bookingId())) {
      throw new IllegalArgumentException(
          "event of booking " + event.bookingId() + " folded into booking " + before.bookingId);
    }
    if (event instanceof BookingRescheduledEvent moved) {
      return new BookingState(
          before.bookingId,
          before.serviceId,
          before.customerAccountId,
          moved.start(),
          moved.end(),
          moved.bufferBeforeMinutes(),
          moved.bufferAfterMinutes(),
          before.cancellationNoticeMinutes,
          before.status);
    }
    return before.withStatus(statusAfter(event));
  }

  private static BookingState placed(BookingPlacedEvent event) {
    return new BookingState(
        event.bookingId(),
        event.serviceId(),
        event.customerAccountId(),
        event.start(),
        event.end(),
        event.bufferBeforeMinutes(),
        event.bufferAfterMinutes(),
        event.cancellationNoticeMinutes(),
        event.status());
  }

  private static BookingStatus statusAfter(BookingEvent event) {
    if (event instanceof BookingConfirmedEvent) {
      return BookingStatus.CONFIRMED;
    }
    if (event instanceof BookingDeclinedEvent) {
      return BookingStatus.DECLINED;
    }
    if (event instanceof BookingCancelledEvent) {
      return BookingStatus.CANCELLED;
    }
    if (event instanceof BookingCompletedEvent) {
      return BookingStatus.COMPLETED;
    }
    if (event instanceof BookingMarkedNoShowEvent) {
      return BookingStatus.NO_SHOW;
    }
    throw new IllegalArgumentException("not a change of status: " + event);
  }

  private BookingState withStatus(BookingStatus newStatus) {
    return new BookingState(
        bookingId,
        serviceId,
        customerAccountId,
        start,
        end,
        bufferBeforeMinutes,
        bufferAfterMinutes,
        cancellationNoticeMinutes,
        newStatus);
  }

  /** {@code PENDING} or {@code CONFIRMED}: it occupies its time (docs/api.md rule 3). */
  public boolean isLive() {
    return status.isLive();
  }

  /** What the slot engine must keep free of other bookings. */
  public BookedRange range() {
    return new BookedRange(bookingId, start, end, bufferBeforeMinutes, bufferAfterMinutes);
  }

  /** The last instant at which its customer may still cancel or move it. */
  public Instant customerDeadline() {
    return start.minus(Duration.ofMinutes(cancellationNoticeMinutes));
  }
}
