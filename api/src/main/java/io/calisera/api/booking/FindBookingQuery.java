package io.calisera.api.booking;

/**
 * Answered with an {@code Optional<BookingView>}. Also a subscription query whose updates are the
 * booking after each change (read-your-writes: subscribe before sending the command). Ask its
 * initial result as {@code instanceOf(BookingView.class)}, {@code null} while the booking does not
 * exist: an {@code Optional} initial result cannot cross Axon Server (it is not sent as a streaming
 * query, and the message serializer cannot write an {@code Optional}).
 */
public record FindBookingQuery(String bookingId) {}
