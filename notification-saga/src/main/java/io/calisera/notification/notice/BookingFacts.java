package io.calisera.notification.notice;

import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.Customer;
import java.time.Instant;

/**
 * What a message about a booking says of it, as it stood when the message was decided.
 *
 * @param previousStart where a moved booking was before its last move; {@code null} otherwise
 * @param customerAccountId {@code null} for a guest's booking
 * @param reason the reason its last change gave, if any
 */
public record BookingFacts(
    String bookingId,
    String providerId,
    String serviceId,
    BookingStatus status,
    Instant start,
    Instant end,
    Instant previousStart,
    Instant previousEnd,
    Customer customer,
    String customerAccountId,
    String reason) {

  public static BookingFacts placed(BookingPlacedEvent event) {
    return new BookingFacts(
        event.bookingId(),
        event.providerId(),
        event.serviceId(),
        event.status(),
        event.start(),
        event.end(),
        null,
        null,
        event.customer(),
        event.customerAccountId(),
        null);
  }

  public BookingFacts withStatus(BookingStatus newStatus, String why) {
    return new BookingFacts(
        bookingId,
        providerId,
        serviceId,
        newStatus,
        start,
        end,
        previousStart,
        previousEnd,
        customer,
        customerAccountId,
        why);
  }

  public BookingFacts movedTo(Instant newStart, Instant newEnd, String why) {
    return new BookingFacts(
        bookingId,
        providerId,
        serviceId,
        status,
        newStart,
        newEnd,
        start,
        end,
        customer,
        customerAccountId,
        why);
  }

  /**
   * Whether {@code by} (an event's actor) is this booking's customer: their account, or a guest
   * holding its capability.
   */
  public boolean isCustomer(String by) {
    return "guest".equals(by) || (customerAccountId != null && customerAccountId.equals(by));
  }
}
