package io.calisera.command.provider;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.Customer;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.Role;
import io.calisera.api.provider.Money;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ScheduleReplacedEvent;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.api.schedule.WeeklyHours;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * Test data for a provider's calendar, all at fixed instants: a hairdresser in Berlin, open
 * weekdays 09:00-17:00, in the first week of June 2026 (summer time, UTC+2). "Now" is Monday 1 June
 * 2026, 08:00 in Berlin.
 */
public final class Calendars {

  public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  public static final String PROVIDER = "provider-1";
  public static final String HAIRCUT = "haircut";
  public static final String COLOURING = "colouring";
  public static final String CONSULTATION = "consultation";

  public static final Actor OWNER = Actor.account("owner-1", Set.of(Role.CUSTOMER, Role.PROVIDER));
  public static final Actor CUSTOMER = Actor.account("customer-1", Set.of(Role.CUSTOMER));
  public static final Actor OTHER_CUSTOMER = Actor.account("customer-2", Set.of(Role.CUSTOMER));
  public static final Actor ADMIN = Actor.account("admin-1", Set.of(Role.ADMIN));

  /** A customer who names no time zone of their own. */
  public static final Customer BO = new Customer("Bo Chen", "bo@example.com", null, null);

  /** {@link #BO} as a booking of the Berlin provider records them: in the provider's zone. */
  public static final Customer BO_IN_BERLIN =
      new Customer("Bo Chen", "bo@example.com", null, BERLIN);

  /** Monday 1 June 2026, 08:00 in Berlin. */
  public static final Instant NOW = berlin("2026-06-01T08:00");

  private Calendars() {}

  /** An instant given as wall-clock time in Berlin, e.g. {@code "2026-06-02T10:00"}. */
  public static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  public static Instant minutesAfter(Instant instant, long minutes) {
    return instant.plus(Duration.ofMinutes(minutes));
  }

  public static ProviderCreatedEvent aProviderCreated() {
    return new ProviderCreatedEvent(
        PROVIDER,
        OWNER.accountId(),
        "Salon Anna",
        "salon-anna",
        BERLIN,
        null,
        "hair",
        "Berlin",
        OWNER.accountId(),
        NOW.minus(Duration.ofDays(30)));
  }

  public static ScheduleReplacedEvent openWeekdaysNineToFive() {
    return scheduleOf(weekdays("09:00", "17:00"), List.of());
  }

  public static ScheduleReplacedEvent scheduleOf(
      List<WeeklyHours> weekly, List<DateOverride> overrides) {
    return new ScheduleReplacedEvent(
        PROVIDER, weekly, overrides, OWNER.accountId(), NOW.minus(Duration.ofDays(29)));
  }

  public static List<WeeklyHours> weekdays(String start, String end) {
    List<WeeklyHours> weekly = new ArrayList<>();
    for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
      weekly.add(WeeklyHours.of(day, start, end));
    }
    return weekly;
  }

  /** 60 minutes on the hour, no buffers, one day's cancellation notice, confirmed at once. */
  public static ServiceDefinition aHaircut() {
    return new ServiceDefinition(
        "Haircut", SlotSettings.withDefaults(60), euros("45.00"), 24 * 60, false, null);
  }

  /** {@link #aHaircut()} whose customers are reminded {@code reminderMinutes} before the start. */
  public static ServiceDefinition aHaircutRemindingAt(List<Integer> reminderMinutes) {
    ServiceDefinition haircut = aHaircut();
    return new ServiceDefinition(
        haircut.name(),
        haircut.slots(),
        haircut.price(),
        haircut.cancellationNoticeMinutes(),
        haircut.requiresConfirmation(),
        reminderMinutes);
  }

  /** 90 minutes every 30, with 15 minutes to prepare before and 30 to clean up after. */
  public static ServiceDefinition aColouring() {
    return new ServiceDefinition(
        "Colouring",
        SlotSettings.withDefaults(90, 15, 30, 30, 0, 60),
        euros("80.00"),
        0,
        false,
        null);
  }

  /** 30 minutes every 30, which the owner confirms or declines, two hours' minimum notice. */
  public static ServiceDefinition aConsultationThatRequiresConfirmation() {
    return new ServiceDefinition(
        "Consultation", SlotSettings.withDefaults(30, 0, 0, 30, 120, 14), null, 60, true, null);
  }

  public static ServiceAddedEvent serviceAdded(String serviceId, ServiceDefinition definition) {
    return new ServiceAddedEvent(
        PROVIDER, serviceId, definition, OWNER.accountId(), NOW.minus(Duration.ofDays(28)));
  }

  /** Created, open weekdays 09:00-17:00, offering a haircut, colouring and consultations. */
  public static List<Object> aProviderOpenWeekdaysNineToFive() {
    return List.of(
        aProviderCreated(),
        openWeekdaysNineToFive(),
        serviceAdded(HAIRCUT, aHaircut()),
        serviceAdded(COLOURING, aColouring()),
        serviceAdded(CONSULTATION, aConsultationThatRequiresConfirmation()));
  }

  public static List<Object> plus(List<Object> history, Object... more) {
    List<Object> all = new ArrayList<>(history);
    all.addAll(List.of(more));
    return all;
  }

  public static PlaceBookingCommand placeHaircut(String bookingId, Instant start) {
    return place(bookingId, HAIRCUT, start, CUSTOMER);
  }

  public static PlaceBookingCommand place(
      String bookingId, String serviceId, Instant start, Actor by) {
    String customerAccount = by.isGuest() ? null : by.accountId();
    return new PlaceBookingCommand(
        PROVIDER, bookingId, serviceId, start, BO, customerAccount, null, null, by, NOW);
  }

  /** The event of a haircut placed by {@link #CUSTOMER} at {@link #NOW}. */
  public static BookingPlacedEvent haircutPlaced(String bookingId, Instant start) {
    return placed(bookingId, HAIRCUT, start, 60, 0, 0, 24 * 60, BookingStatus.CONFIRMED, CUSTOMER);
  }

  public static BookingPlacedEvent colouringPlaced(String bookingId, Instant start) {
    return placed(bookingId, COLOURING, start, 90, 15, 30, 0, BookingStatus.CONFIRMED, CUSTOMER);
  }

  public static BookingPlacedEvent consultationPlaced(String bookingId, Instant start) {
    return placed(bookingId, CONSULTATION, start, 30, 0, 0, 60, BookingStatus.PENDING, CUSTOMER);
  }

  public static BookingPlacedEvent guestHaircutPlaced(String bookingId, Instant start) {
    return placed(
        bookingId, HAIRCUT, start, 60, 0, 0, 24 * 60, BookingStatus.CONFIRMED, Actor.GUEST);
  }

  public static BookingPlacedEvent placed(
      String bookingId,
      String serviceId,
      Instant start,
      int durationMinutes,
      int bufferBefore,
      int bufferAfter,
      int cancellationNotice,
      BookingStatus status,
      Actor by) {
    return new BookingPlacedEvent(
        PROVIDER,
        bookingId,
        serviceId,
        start,
        minutesAfter(start, durationMinutes),
        bufferBefore,
        bufferAfter,
        cancellationNotice,
        status,
        BO_IN_BERLIN,
        by.isGuest() ? null : by.accountId(),
        null,
        by.accountId(),
        NOW,
        null);
  }

  /** The same booking, recorded with the reminders of its service then. */
  public static BookingPlacedEvent withReminders(
      BookingPlacedEvent placed, List<Integer> reminderMinutes) {
    return new BookingPlacedEvent(
        placed.providerId(),
        placed.bookingId(),
        placed.serviceId(),
        placed.start(),
        placed.end(),
        placed.bufferBeforeMinutes(),
        placed.bufferAfterMinutes(),
        placed.cancellationNoticeMinutes(),
        placed.status(),
        placed.customer(),
        placed.customerAccountId(),
        placed.notes(),
        placed.by(),
        placed.at(),
        reminderMinutes);
  }

  /** The same booking, recorded with another customer. */
  public static BookingPlacedEvent withCustomer(BookingPlacedEvent placed, Customer customer) {
    return new BookingPlacedEvent(
        placed.providerId(),
        placed.bookingId(),
        placed.serviceId(),
        placed.start(),
        placed.end(),
        placed.bufferBeforeMinutes(),
        placed.bufferAfterMinutes(),
        placed.cancellationNoticeMinutes(),
        placed.status(),
        customer,
        placed.customerAccountId(),
        placed.notes(),
        placed.by(),
        placed.at(),
        placed.reminderMinutes());
  }

  public static BookingCancelledEvent cancelled(String bookingId, Actor by, Instant at) {
    return new BookingCancelledEvent(PROVIDER, bookingId, null, by.accountId(), at);
  }

  public static Money euros(String amount) {
    return new Money(new BigDecimal(amount), "EUR");
  }

  /** A refusal with this code, whatever its message says. */
  public static Matcher<Object> refusal(RefusalCode code) {
    return new TypeSafeMatcher<>(Object.class) {
      @Override
      protected boolean matchesSafely(Object details) {
        return details instanceof Refusal refusal && refusal.code() == code;
      }

      @Override
      public void describeTo(Description description) {
        description.appendText("a refusal with code " + code);
      }
    };
  }
}
