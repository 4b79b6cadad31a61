package io.calisera.notification.testing;

import io.calisera.api.notification.NotificationChannel;
import io.calisera.api.notification.NotificationKind;
import io.calisera.notification.delivery.Letter;
import io.calisera.notification.notice.BookingFacts;
import io.calisera.notification.notice.Notice;
import java.time.Instant;
import java.time.ZoneId;

/** Letters about Ana's haircut at Studio Ana, with fixed values. */
public final class Letters {

  public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private Letters() {}

  public static Letter toTheCustomer(NotificationKind kind, int sequence, BookingFacts booking) {
    return new Letter(
        "delivery-7",
        Notice.of(kind, sequence, booking),
        NotificationChannel.EMAIL,
        booking.customer().email(),
        null,
        booking.customer().name(),
        booking.customer().timeZone(),
        "Studio Ana",
        "Haircut",
        "https://calisera.test/manage/" + booking.bookingId() + ".secret");
  }

  public static Letter toTheOwner(NotificationKind kind, int sequence, BookingFacts booking) {
    return new Letter(
        "delivery-8",
        Notice.of(kind, sequence, booking),
        NotificationChannel.EMAIL,
        "olga@example.com",
        null,
        null,
        BERLIN,
        "Studio Ana",
        "Haircut",
        null);
  }

  public static BookingFacts facts(Instant start, Instant at) {
    return BookingFacts.placed(Bookings.confirmedHaircut(start, at));
  }
}
