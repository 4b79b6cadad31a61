package io.calisera.query.support;

import io.calisera.api.account.AccountRegisteredEvent;
import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingConfirmedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.Customer;
import io.calisera.api.common.Role;
import io.calisera.api.provider.Money;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ProviderProfileUpdatedEvent;
import io.calisera.api.provider.ScheduleReplacedEvent;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.api.schedule.WeeklyHours;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Intention-revealing events with fixed values. */
public final class Events {

  /** A fixed business time for every event. */
  public static final Instant AT = Instant.parse("2026-03-02T08:00:00Z");

  public static final String OWNER = "owner-1";

  private Events() {}

  public static AccountRegisteredEvent anAccountRegistered(String accountId) {
    return new AccountRegisteredEvent(
        accountId,
        accountId + "@example.com",
        "Name of " + accountId,
        Set.of(Role.CUSTOMER),
        "system",
        AT);
  }

  public static ProviderCreatedEvent aProviderCreated(String providerId, ZoneId zone) {
    return aProviderCreated(providerId, "Provider " + providerId, providerId + "-page", zone);
  }

  public static ProviderCreatedEvent aProviderCreated(
      String providerId, String name, String slug, ZoneId zone) {
    return new ProviderCreatedEvent(
        providerId, OWNER, name, slug, zone, "Bio of " + name, "hair", "Berlin", OWNER, AT);
  }

  public static ProviderProfileUpdatedEvent aZoneChange(ProviderCreatedEvent created, ZoneId zone) {
    return new ProviderProfileUpdatedEvent(
        created.providerId(),
        created.displayName(),
        created.slug(),
        zone,
        created.bio(),
        created.category(),
        created.city(),
        OWNER,
        AT);
  }

  public static ServiceAddedEvent aServiceAdded(
      String providerId, String serviceId, SlotSettings settings) {
    return new ServiceAddedEvent(
        providerId,
        serviceId,
        new ServiceDefinition(
            "Service " + serviceId,
            settings,
            new Money(new BigDecimal("45.00"), "EUR"),
            60,
            false,
            null),
        OWNER,
        AT);
  }

  /** Opening hours every day of the week. */
  public static ScheduleReplacedEvent openEveryDay(String providerId, String start, String end) {
    List<WeeklyHours> weekly = new ArrayList<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      weekly.add(WeeklyHours.of(day, start, end));
    }
    return new ScheduleReplacedEvent(providerId, weekly, List.of(), OWNER, AT);
  }

  public static ScheduleReplacedEvent openWeekdaysNineToFive(String providerId) {
    List<WeeklyHours> weekly = new ArrayList<>();
    for (DayOfWeek day :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      weekly.add(WeeklyHours.of(day, "09:00", "17:00"));
    }
    return new ScheduleReplacedEvent(providerId, weekly, List.of(), OWNER, AT);
  }

  public static ScheduleReplacedEvent withOverrides(
      ScheduleReplacedEvent schedule, DateOverride... overrides) {
    return new ScheduleReplacedEvent(
        schedule.providerId(), schedule.weekly(), List.of(overrides), OWNER, AT);
  }

  public static Customer aCustomer() {
    return new Customer("Carla Customer", "carla@example.com", "+491701234567", null);
  }

  public static BookingPlacedEvent aBookingPlaced(
      String providerId,
      String bookingId,
      String serviceId,
      Instant start,
      int durationMinutes,
      int bufferBefore,
      int bufferAfter,
      String customerAccountId) {
    return new BookingPlacedEvent(
        providerId,
        bookingId,
        serviceId,
        start,
        start.plusSeconds(durationMinutes * 60L),
        bufferBefore,
        bufferAfter,
        60,
        BookingStatus.CONFIRMED,
        aCustomer(),
        customerAccountId,
        "notes",
        customerAccountId == null ? "guest" : customerAccountId,
        AT,
        null);
  }

  public static BookingPlacedEvent aPendingBooking(BookingPlacedEvent placed) {
    return new BookingPlacedEvent(
        placed.providerId(),
        placed.bookingId(),
        placed.serviceId(),
        placed.start(),
        placed.end(),
        placed.bufferBeforeMinutes(),
        placed.bufferAfterMinutes(),
        placed.cancellationNoticeMinutes(),
        BookingStatus.PENDING,
        placed.customer(),
        placed.customerAccountId(),
        placed.notes(),
        placed.by(),
        placed.at(),
        placed.reminderMinutes());
  }

  public static BookingConfirmedEvent confirmed(BookingPlacedEvent b) {
    return new BookingConfirmedEvent(b.providerId(), b.bookingId(), OWNER, AT.plusSeconds(60));
  }

  public static BookingCancelledEvent cancelled(BookingPlacedEvent b) {
    return new BookingCancelledEvent(
        b.providerId(), b.bookingId(), "changed plans", "guest", AT.plusSeconds(120));
  }

  public static BookingDeclinedEvent declined(BookingPlacedEvent b) {
    return new BookingDeclinedEvent(
        b.providerId(), b.bookingId(), "fully booked", OWNER, AT.plusSeconds(120));
  }

  public static BookingCompletedEvent completed(BookingPlacedEvent b) {
    return new BookingCompletedEvent(b.providerId(), b.bookingId(), OWNER, AT.plusSeconds(180));
  }

  public static BookingMarkedNoShowEvent noShow(BookingPlacedEvent b) {
    return new BookingMarkedNoShowEvent(b.providerId(), b.bookingId(), OWNER, AT.plusSeconds(180));
  }

  public static BookingRescheduledEvent rescheduled(BookingPlacedEvent b, Instant newStart) {
    long duration = b.end().getEpochSecond() - b.start().getEpochSecond();
    return new BookingRescheduledEvent(
        b.providerId(),
        b.bookingId(),
        b.start(),
        b.end(),
        newStart,
        newStart.plusSeconds(duration),
        b.bufferBeforeMinutes(),
        b.bufferAfterMinutes(),
        "moved",
        "guest",
        AT.plusSeconds(240),
        null);
  }
}
