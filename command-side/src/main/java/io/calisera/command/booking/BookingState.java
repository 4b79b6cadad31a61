package io.calisera.command.booking;

import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.schedule.BookedRange;
import java.time.Duration;
import java.time.Instant;

/**
 * What the calendar keeps of one booking: exactly what later decisions need (who its customer is,
 * when it is, what it occupies, its cancellation notice and its status). Names, contacts and notes
 * live in the events and the read models.
 *
 * @param customerAccountId {@code null} for a guest's booking
 * @param cancellationNoticeMinutes the notice of its service when it was placed
 */
record BookingState(
    String bookingId,
    String serviceId,
    String customerAccountId,
    Instant start,
    Instant end,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    int cancellationNoticeMinutes,
    BookingStatus status) {

  static BookingState placed(BookingPlacedEvent event) {
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

  /** Moved: new time and buffers; customer, notice and status stay. */
  BookingState rescheduled(BookingRescheduledEvent event) {
    return new BookingState(
        bookingId,
        serviceId,
        customerAccountId,
        event.start(),
        event.end(),
        event.bufferBeforeMinutes(),
        event.bufferAfterMinutes(),
        cancellationNoticeMinutes,
        status);
  }

  BookingState withStatus(BookingStatus newStatus) {
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

  /**
   * {@code PENDING} or {@code CONFIRMED}: it occupies its time (docs/api.md rule 3). Not public, so
   * that the snapshot's JSON, which holds fields only, has no {@code live} property.
   */
  boolean isLive() {
    return status.isLive();
  }

  /** What the slot engine must keep free of other bookings. */
  BookedRange range() {
    return new BookedRange(bookingId, start, end, bufferBeforeMinutes, bufferAfterMinutes);
  }

  /** The last instant at which its customer may still cancel or move it. */
  Instant customerDeadline() {
    return start.minus(Duration.ofMinutes(cancellationNoticeMinutes));
  }
}
