package io.calisera.notification.email;

import io.calisera.api.notification.NotificationKind;
import io.calisera.notification.delivery.Letter;
import io.calisera.notification.notice.BookingFacts;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The calendar part of a customer's email (RFC 5546): {@code METHOD:REQUEST} for a booking made,
 * confirmed or moved, {@code METHOD:CANCEL} for one cancelled or declined, always with the booking
 * id as {@code UID} and the booking's version as {@code SEQUENCE}, so that a calendar updates or
 * removes the one event it made (Google removes it only on a {@code CANCEL} with the {@code UID} of
 * a {@code REQUEST}). Times in UTC. The organizer is the provider, by name, at the platform's
 * sending address; the attendee is the customer, who booked and so has accepted.
 */
public final class Invitation {

  /** The iCalendar method of the part, and its MIME parameter. */
  public enum Kind {
    REQUEST,
    CANCEL
  }

  private Invitation() {}

  /** The method of the letter's invitation; none for reminders and the owner's letters. */
  public static Optional<Kind> kindOf(NotificationKind kind) {
    return switch (kind) {
      case BOOKING_CONFIRMED, BOOKING_PENDING, BOOKING_RESCHEDULED -> Optional.of(Kind.REQUEST);
      case BOOKING_CANCELLED, BOOKING_DECLINED -> Optional.of(Kind.CANCEL);
      case REMINDER, OWNER_NEW_BOOKING, OWNER_APPROVAL_NEEDED, OWNER_BOOKING_CHANGED ->
          Optional.empty();
    };
  }

  /** The {@code VCALENDAR} text (CRLF line ends) of the letter's invitation. */
  public static String of(Letter letter, Kind kind, String organizerAddress, Instant stamp) {
    BookingFacts booking = letter.notice().booking();
    Status status =
        switch (letter.notice().kind()) {
          case BOOKING_PENDING -> ImmutableStatus.VEVENT_TENTATIVE;
          case BOOKING_CANCELLED, BOOKING_DECLINED -> ImmutableStatus.VEVENT_CANCELLED;
          default -> ImmutableStatus.VEVENT_CONFIRMED;
        };
    VEvent event = new VEvent(false);
    event.add(new Uid(booking.bookingId()));
    event.add(new Sequence(letter.notice().sequence()));
    event.add(new DtStamp(stamp));
    event.add(new DtStart<>(booking.start()));
    event.add(new DtEnd<>(booking.end()));
    event.add(new Summary(letter.serviceName() + " with " + letter.providerName()));
    event.add(status);
    event.add(
        new Organizer(
            new ParameterList(List.of(new Cn(letter.providerName()))),
            URI.create("mailto:" + organizerAddress)));
    event.add(
        new Attendee(
            new ParameterList(
                List.of(
                    new Cn(booking.customer().name()),
                    Role.REQ_PARTICIPANT,
                    PartStat.ACCEPTED,
                    Rsvp.FALSE)),
            URI.create("mailto:" + booking.customer().email())));
    Method method = kind == Kind.CANCEL ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST;
    Calendar calendar = new Calendar();
    calendar.add(new ProdId("-//Calisera//Notifications//EN"));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(method);
    calendar.add(event);
    StringWriter text = new StringWriter();
    try {
      // the outputter folds lines longer than 75 octets, as RFC 5545 requires
      new CalendarOutputter(false).output(calendar, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
