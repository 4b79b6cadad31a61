package io.calisera.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.booking.BookingStatus;
import io.calisera.api.notification.NotificationKind;
import io.calisera.notification.notice.BookingFacts;
import io.calisera.notification.testing.Letters;
import java.io.StringReader;
import java.time.Instant;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import org.junit.jupiter.api.Test;

/** The calendar part as a calendar program reads it back. */
class InvitationTest {

  private static final Instant START = Instant.parse("2026-03-29T08:00:00Z");
  private static final Instant STAMP = Instant.parse("2026-03-20T12:00:05Z");
  private static final BookingFacts BOOKING = Letters.facts(START, STAMP);

  @Test
  void aConfirmedBookingIsARequestInUtcWithTheBookingAsUid() throws Exception {
    Calendar calendar =
        parse(
            Invitation.of(
                Letters.toTheCustomer(NotificationKind.BOOKING_CONFIRMED, 0, BOOKING),
                Invitation.Kind.REQUEST,
                "notifications@calisera.test",
                STAMP));
    assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
    VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
    assertThat(value(event, "UID")).isEqualTo(BOOKING.bookingId());
    assertThat(value(event, "SEQUENCE")).isEqualTo("0");
    assertThat(value(event, "DTSTART")).isEqualTo("20260329T080000Z");
    assertThat(value(event, "DTEND")).isEqualTo("20260329T084500Z");
    assertThat(value(event, "STATUS")).isEqualTo("CONFIRMED");
    assertThat(value(event, "ORGANIZER")).isEqualTo("mailto:notifications@calisera.test");
    Attendee attendee = event.<Attendee>getProperty("ATTENDEE").orElseThrow();
    assertThat(attendee.getValue()).isEqualTo("mailto:ana@example.com");
    assertThat(attendee.getParameter("CN").orElseThrow().getValue()).isEqualTo("Ana");
  }

  @Test
  void aCancellationIsACancelOfTheSameUidWithAHigherSequence() throws Exception {
    Calendar calendar =
        parse(
            Invitation.of(
                Letters.toTheCustomer(
                    NotificationKind.BOOKING_CANCELLED,
                    2,
                    BOOKING.withStatus(BookingStatus.CANCELLED, null)),
                Invitation.Kind.CANCEL,
                "notifications@calisera.test",
                STAMP));
    assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
    VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
    assertThat(value(event, "UID")).isEqualTo(BOOKING.bookingId());
    assertThat(value(event, "SEQUENCE")).isEqualTo("2");
    assertThat(value(event, "STATUS")).isEqualTo("CANCELLED");
  }

  @Test
  void aPendingBookingIsTentativeAndLinesAreFolded() {
    String ics =
        Invitation.of(
            Letters.toTheCustomer(NotificationKind.BOOKING_PENDING, 0, BOOKING),
            Invitation.Kind.REQUEST,
            "notifications@calisera.test",
            STAMP);
    assertThat(ics).contains("STATUS:TENTATIVE\r\n");
    assertThat(ics.split("\r\n"))
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(75));
  }

  @Test
  void remindersAndTheOwnersLettersCarryNoInvitation() {
    assertThat(Invitation.kindOf(NotificationKind.REMINDER)).isEmpty();
    assertThat(Invitation.kindOf(NotificationKind.OWNER_NEW_BOOKING)).isEmpty();
    assertThat(Invitation.kindOf(NotificationKind.BOOKING_DECLINED))
        .contains(Invitation.Kind.CANCEL);
    assertThat(Invitation.kindOf(NotificationKind.BOOKING_RESCHEDULED))
        .contains(Invitation.Kind.REQUEST);
  }

  static Calendar parse(String ics) throws Exception {
    return new CalendarBuilder().build(new StringReader(ics));
  }

  private static String value(VEvent event, String property) {
    return event.getProperty(property).orElseThrow().getValue();
  }
}
