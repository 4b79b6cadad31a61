package io.calisera.notification.testing;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingConfirmedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.Customer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Booking events with fixed values, named after what they are. */
public final class Bookings {

  public static final String PROVIDER = "provider-1";
  public static final String BOOKING = "booking-1";
  public static final String SERVICE = "service-haircut";
  public static final String OWNER = "account-owner";
  public static final String CUSTOMER_ACCOUNT = "account-ana";
  public static final Customer ANA =
      new Customer("Ana", "ana@example.com", "+491701234567", ZoneId.of("America/New_York"));

  private Bookings() {}

  /** A 45-minute haircut at {@code start}, booked by Ana's account at {@code at}. */
  public static BookingPlacedEvent placed(BookingStatus status, Instant start, Instant at) {
    return placed(status, start, at, null);
  }

  /**
   * As {@link #placed(BookingStatus, Instant, Instant)}, of a service that reminds {@code
   * reminderMinutes} before the start ({@code null}: the default).
   */
  public static BookingPlacedEvent placed(
      BookingStatus status, Instant start, Instant at, List<Integer> reminderMinutes) {
    return new BookingPlacedEvent(
        PROVIDER,
        BOOKING,
        SERVICE,
        start,
        start.plus(Duration.ofMinutes(45)),
        0,
        0,
        0,
        status,
        ANA,
        CUSTOMER_ACCOUNT,
        null,
        CUSTOMER_ACCOUNT,
        at,
        reminderMinutes);
  }

  public static BookingPlacedEvent confirmedHaircut(Instant start, Instant at) {
    return placed(BookingStatus.CONFIRMED, start, at);
  }

  public static BookingPlacedEvent pendingHaircut(Instant start, Instant at) {
    return placed(BookingStatus.PENDING, start, at);
  }

  public static BookingConfirmedEvent confirmedByOwner(Instant at) {
    return new BookingConfirmedEvent(PROVIDER, BOOKING, OWNER, at);
  }

  public static BookingDeclinedEvent declinedBy(String by, Instant at) {
    return new BookingDeclinedEvent(PROVIDER, BOOKING, "fully booked", by, at);
  }

  public static BookingCancelledEvent cancelledBy(String by, Instant at) {
    return new BookingCancelledEvent(PROVIDER, BOOKING, "cannot come", by, at);
  }

  public static BookingRescheduledEvent movedBy(String by, Instant from, Instant to, Instant at) {
    return moved(by, from, to, at, null);
  }

  /** Moved, its service reminding {@code reminderMinutes} before the start by then. */
  public static BookingRescheduledEvent moved(
      String by, Instant from, Instant to, Instant at, List<Integer> reminderMinutes) {
    return new BookingRescheduledEvent(
        PROVIDER,
        BOOKING,
        from,
        from.plus(Duration.ofMinutes(45)),
        to,
        to.plus(Duration.ofMinutes(45)),
        0,
        0,
        null,
        by,
        at,
        reminderMinutes);
  }

  public static BookingCompletedEvent completed(Instant at) {
    return new BookingCompletedEvent(PROVIDER, BOOKING, OWNER, at);
  }

  public static BookingMarkedNoShowEvent markedNoShow(Instant at) {
    return new BookingMarkedNoShowEvent(PROVIDER, BOOKING, OWNER, at);
  }
}
