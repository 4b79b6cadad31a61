package io.calisera.api.booking;

import java.time.Instant;

/**
 * An event in a booking's life: what {@link BookingState} and {@link BookingRecord} fold, the one
 * place that says how each of them changes a booking.
 */
public sealed interface BookingEvent
    permits BookingPlacedEvent,
        BookingRescheduledEvent,
        BookingConfirmedEvent,
        BookingDeclinedEvent,
        BookingCancelledEvent,
        BookingCompletedEvent,
        BookingMarkedNoShowEvent {

  String providerId();

  String bookingId();

  /** The acting account id, {@code guest} or {@code system}. */
  String by();

  /** Its business time. */
  Instant at();
}
