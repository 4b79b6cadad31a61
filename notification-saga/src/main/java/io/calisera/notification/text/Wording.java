package io.calisera.notification.text;

import io.calisera.api.notification.NotificationKind;
import io.calisera.notification.delivery.Letter;
import io.calisera.notification.notice.BookingFacts;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a letter says, in every channel's length: a subject, the paragraphs of an email, and one
 * short line for SMS and push. Times are the recipient's wall-clock time with the zone named
 * ("04:00 New York time (America/New_York, UTC-04:00)"), never UTC alone: the customer reads the
 * booking's customer zone, the owner the provider's zone.
 */
public final class Wording {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT_DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private Wording() {}

  /**
   * @param paragraphs the email's text, greeting first, without the manage link
   * @param line the whole message in one line (SMS, push)
   */
  public record Words(String subject, List<String> paragraphs, String line) {}

  public static Words of(Letter letter) {
    BookingFacts booking = letter.notice().booking();
    ZoneId zone = letter.zone();
    String what = letter.serviceName() + " with " + letter.providerName();
    String when = when(booking.start(), booking.end(), zone);
    String shortWhen = shortWhen(booking.start(), zone);
    String customer = booking.customer().name();
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add(
        letter.recipientName() == null ? "Hello," : "Hello " + letter.recipientName() + ",");
    String subject;
    String line;
    NotificationKind kind = letter.notice().kind();
    switch (kind) {
      case BOOKING_CONFIRMED -> {
        subject = "Confirmed: " + what + ", " + shortWhen;
        paragraphs.add("your booking of " + what + " is confirmed.");
        line = "Confirmed: " + what + ", " + shortWhen + ".";
      }
      case BOOKING_PENDING -> {
        subject = "Awaiting confirmation: " + what + ", " + shortWhen;
        paragraphs.add(
            "we have your booking request for "
                + what
                + ". "
                + letter.providerName()
                + " confirms it before it starts; until then it is not certain.");
        line = "Received, awaiting confirmation: " + what + ", " + shortWhen + ".";
      }
      case BOOKING_DECLINED -> {
        subject = "Declined: " + what + ", " + shortWhen;
        paragraphs.add(letter.providerName() + " could not take your booking of " + what + ".");
        line = "Declined: " + what + ", " + shortWhen + ".";
      }
      case BOOKING_RESCHEDULED -> {
        subject = "Moved: " + what + ", now " + shortWhen;
        paragraphs.add(
            "your booking of " + what + " was moved" + from(booking, zone) + " to the time below.");
        line = "Moved: " + what + ", now " + shortWhen + ".";
      }
      case BOOKING_CANCELLED -> {
        subject = "Cancelled: " + what + ", " + shortWhen;
        paragraphs.add("your booking of " + what + " is cancelled.");
        line = "Cancelled: " + what + ", " + shortWhen + ".";
      }
      case REMINDER -> {
        subject = "Reminder: " + what + ", " + shortWhen;
        paragraphs.add("a reminder of your booking of " + what + ".");
        line = "Reminder: " + what + ", " + shortWhen + ".";
      }
      case OWNER_NEW_BOOKING -> {
        subject = "New booking: " + customer + ", " + letter.serviceName() + ", " + shortWhen;
        paragraphs.add(customer + " booked " + letter.serviceName() + ".");
        line = "New booking: " + customer + ", " + letter.serviceName() + ", " + shortWhen + ".";
      }
      case OWNER_APPROVAL_NEEDED -> {
        subject = "Please confirm: " + customer + ", " + letter.serviceName() + ", " + shortWhen;
        paragraphs.add(
            customer
                + " asks to book "
                + letter.serviceName()
                + ". Confirm or decline it before it starts; unanswered, it is declined then.");
        line = "Please confirm: " + customer + ", " + letter.serviceName() + ", " + shortWhen + ".";
      }
      case OWNER_BOOKING_CHANGED -> {
        boolean moved = booking.previousStart() != null && booking.status().isLive();
        subject =
            (moved ? "Moved by the customer: " : "Cancelled by the customer: ")
                + customer
                + ", "
                + letter.serviceName()
                + ", "
                + shortWhen;
        paragraphs.add(
            moved
                ? customer
                    + " moved their booking of "
                    + letter.serviceName()
                    + from(booking, zone)
                    + " to the time below."
                : customer + " cancelled their booking of " + letter.serviceName() + ".");
        line = subject + ".";
      }
      default -> throw new IllegalArgumentException("No wording for " + kind);
    }
    paragraphs.add("When: " + when);
    if (booking.reason() != null && kind != NotificationKind.REMINDER) {
      paragraphs.add("Reason given: " + booking.reason());
    }
    return new Words(subject, List.copyOf(paragraphs), line);
  }

  private static String from(BookingFacts booking, ZoneId zone) {
    return booking.previousStart() == null
        ? ""
        : " from " + when(booking.previousStart(), booking.previousEnd(), zone);
  }

  /** "Sunday, 29 March 2026, 04:00-04:45 New York time (America/New_York, UTC-04:00)". */
  public static String when(Instant start, Instant end, ZoneId zone) {
    ZonedDateTime from = start.atZone(zone);
    ZonedDateTime to = end.atZone(zone);
    String range =
        from.toLocalDate().equals(to.toLocalDate())
            ? TIME.format(from) + "–" + TIME.format(to)
            : TIME.format(from) + " to " + DAY.format(to) + ", " + TIME.format(to);
    return DAY.format(from) + ", " + range + " " + zoneName(zone, start);
  }

  private static String shortWhen(Instant start, ZoneId zone) {
    ZonedDateTime at = start.atZone(zone);
    return SHORT_DAY.format(at) + " " + TIME.format(at) + " " + place(zone) + " time";
  }

  /** "New York time (America/New_York, UTC-04:00)": the zone in words, its id, its offset then. */
  public static String zoneName(ZoneId zone, Instant at) {
    ZoneOffset offset = zone.getRules().getOffset(at);
    String utc = offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
    return place(zone) + " time (" + zone.getId() + ", " + utc + ")";
  }

  private static String place(ZoneId zone) {
    String id = zone.getId();
    int slash = id.lastIndexOf('/');
    return slash < 0 ? id : id.substring(slash + 1).replace('_', ' ');
  }
}
