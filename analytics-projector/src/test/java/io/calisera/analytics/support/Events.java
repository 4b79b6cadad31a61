package io.calisera.analytics.support;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingConfirmedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.Customer;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ProviderProfileUpdatedEvent;
import io.calisera.api.provider.ScheduleReplacedEvent;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.api.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A provider's events as the command side records them, with intention-revealing arguments. */
public final class Events {

  public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String OWNER = "owner-account";

  private final String providerId;

  private Events(String providerId) {
    this.providerId = providerId;
  }

  /** The events of provider {@code providerId}. */
  public static Events of(String providerId) {
    return new Events(providerId);
  }

  /** The booking id of {@code name} for this provider: histories do not share bookings. */
  public String booking(String name) {
    return providerId + "-" + name;
  }

  public static Instant at(String instant) {
    return Instant.parse(instant);
  }

  public static WeeklyHours hours(DayOfWeek day, String start, String end) {
    return WeeklyHours.of(day, start, end);
  }

  public static List<WeeklyHours> weekdays(String start, String end) {
    return List.of(
        hours(DayOfWeek.MONDAY, start, end),
        hours(DayOfWeek.TUESDAY, start, end),
        hours(DayOfWeek.WEDNESDAY, start, end),
        hours(DayOfWeek.THURSDAY, start, end),
        hours(DayOfWeek.FRIDAY, start, end));
  }

  public ProviderCreatedEvent created(ZoneId zone, String at) {
    return new ProviderCreatedEvent(
        providerId, OWNER, "Studio " + providerId, null, zone, null, null, null, OWNER, at(at));
  }

  public ProviderProfileUpdatedEvent profileUpdated(ZoneId zone, String at) {
    return new ProviderProfileUpdatedEvent(
        providerId,
        "Studio " + providerId + " renamed",
        null,
        zone,
        null,
        null,
        null,
        OWNER,
        at(at));
  }

  public ScheduleReplacedEvent scheduleSet(
      String at, List<WeeklyHours> weekly, List<DateOverride> overrides) {
    return new ScheduleReplacedEvent(providerId, weekly, overrides, OWNER, at(at));
  }

  public ServiceAddedEvent serviceAdded(String serviceId, String name, int minutes, String at) {
    return new ServiceAddedEvent(providerId, serviceId, definition(name, minutes), OWNER, at(at));
  }

  public ServiceChangedEvent serviceChanged(String serviceId, String name, int minutes, String at) {
    return new ServiceChangedEvent(providerId, serviceId, definition(name, minutes), OWNER, at(at));
  }

  public ServiceDeactivatedEvent serviceDeactivated(String serviceId, String at) {
    return new ServiceDeactivatedEvent(providerId, serviceId, OWNER, at(at));
  }

  /** A confirmed booking of {@code minutes} from {@code start}, placed at {@code at}. */
  public BookingPlacedEvent placed(
      String bookingId, String serviceId, String start, int minutes, String at) {
    return placed(bookingId, serviceId, start, minutes, at, BookingStatus.CONFIRMED);
  }

  public BookingPlacedEvent placed(
      String bookingId,
      String serviceId,
      String start,
      int minutes,
      String at,
      BookingStatus status) {
    Instant from = at(start);
    return new BookingPlacedEvent(
        providerId,
        booking(bookingId),
        serviceId,
        from,
        from.plus(Duration.ofMinutes(minutes)),
        0,
        0,
        0,
        status,
        new Customer("Customer", "customer@example.com", null, BERLIN),
        "customer-account",
        null,
        "customer-account",
        at(at),
        null);
  }

  public BookingConfirmedEvent confirmed(String bookingId, String at) {
    return new BookingConfirmedEvent(providerId, booking(bookingId), OWNER, at(at));
  }

  public BookingDeclinedEvent declined(String bookingId, String at) {
    return new BookingDeclinedEvent(providerId, booking(bookingId), "no time", OWNER, at(at));
  }

  public BookingCancelledEvent cancelled(String bookingId, String at) {
    return new BookingCancelledEvent(
        providerId, booking(bookingId), "cannot come", "customer-account", at(at));
  }

  public BookingCompletedEvent completed(String bookingId, String at) {
    return new BookingCompletedEvent(providerId, booking(bookingId), OWNER, at(at));
  }

  public BookingMarkedNoShowEvent noShow(String bookingId, String at) {
    return new BookingMarkedNoShowEvent(providerId, booking(bookingId), OWNER, at(at));
  }

  public BookingRescheduledEvent moved(
      String bookingId, String from, String to, int minutes, String at) {
    return new BookingRescheduledEvent(
        providerId,
        booking(bookingId),
        at(from),
        at(from).plus(Duration.ofMinutes(minutes)),
        at(to),
        at(to).plus(Duration.ofMinutes(minutes)),
        0,
        0,
        null,
        "customer-account",
        at(at),
        null);
  }

  private static ServiceDefinition definition(String name, int minutes) {
    return new ServiceDefinition(name, SlotSettings.withDefaults(minutes), null, 0, false, null);
  }
}
