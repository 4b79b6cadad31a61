package io.calisera.api.booking;

/** Answered with an {@code Optional<BookingView>}. */
public record FindBookingQuery(String bookingId) {}
