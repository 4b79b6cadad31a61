package io.calisera.command.booking;

import static io.calisera.command.provider.Calendars.CUSTOMER;
import static io.calisera.command.provider.Calendars.HAIRCUT;
import static io.calisera.command.provider.Calendars.NOW;
import static io.calisera.command.provider.Calendars.OWNER;
import static io.calisera.command.provider.Calendars.PROVIDER;
import static io.calisera.command.provider.Calendars.aHaircutRemindingAt;
import static io.calisera.command.provider.Calendars.aProviderOpenWeekdaysNineToFive;
import static io.calisera.command.provider.Calendars.berlin;
import static io.calisera.command.provider.Calendars.haircutPlaced;
import static io.calisera.command.provider.Calendars.place;
import static io.calisera.command.provider.Calendars.placeHaircut;
import static io.calisera.command.provider.Calendars.placed;
import static io.calisera.command.provider.Calendars.plus;
import static io.calisera.command.provider.Calendars.withReminders;

import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.RescheduleBookingCommand;
import io.calisera.api.provider.ChangeServiceCommand;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.command.provider.ProviderFixtures;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A booking carries the reminders of its service as they were when it was placed or moved, so that
 * the notification saga reminds at those without asking anyone, and a later change of the service
 * leaves the bookings already made alone (docs/decisions/0008).
 */
class BookingRemindersTest {

  private static final Instant TUESDAY_TEN = berlin("2026-06-02T10:00");
  private static final Instant THURSDAY_TWO = berlin("2026-06-04T14:00");

  private FixtureConfiguration<?> fixture;

  @BeforeEach
  void setUp() {
    fixture = ProviderFixtures.aProviderFixture();
  }

  private static ServiceChangedEvent haircutNowReminding(List<Integer> reminderMinutes) {
    return new ServiceChangedEvent(
        PROVIDER, HAIRCUT, aHaircutRemindingAt(reminderMinutes), OWNER.accountId(), NOW);
  }

  @Test
  void aServiceThatRemindsThirtyMinutesBeforePlacesBookingsThatSaySo() {
    fixture
        .given(plus(aProviderOpenWeekdaysNineToFive(), haircutNowReminding(List.of(30))))
        .when(placeHaircut("b1", TUESDAY_TEN))
        .expectEvents(withReminders(haircutPlaced("b1", TUESDAY_TEN), List.of(30)));
  }

  @Test
  void aServiceWithoutRemindersPlacesBookingsWithNone() {
    fixture
        .given(plus(aProviderOpenWeekdaysNineToFive(), haircutNowReminding(List.of())))
        .when(placeHaircut("b1", TUESDAY_TEN))
        .expectEvents(withReminders(haircutPlaced("b1", TUESDAY_TEN), List.of()));
  }

  @Test
  void aServiceStoredBeforeRemindersExistedRemindsADayAndAnHourBefore() {
    // a revision-1 ServiceAddedEvent has no reminderMinutes: it reads as null, the default
    fixture
        .given(
            plus(
                aProviderOpenWeekdaysNineToFive(),
                new ServiceAddedEvent(
                    PROVIDER, "old-haircut", aHaircutRemindingAt(null), OWNER.accountId(), NOW)))
        .when(place("b1", "old-haircut", TUESDAY_TEN, CUSTOMER))
        .expectEvents(
            withReminders(
                placed(
                    "b1",
                    "old-haircut",
                    TUESDAY_TEN,
                    60,
                    0,
                    0,
                    24 * 60,
                    BookingStatus.CONFIRMED,
                    CUSTOMER),
                List.of(1_440, 60)));
  }

  @Test
  void aMoveTakesTheRemindersTheServiceHasAtTheMove() {
    fixture
        .given(
            plus(
                aProviderOpenWeekdaysNineToFive(),
                haircutPlaced("b1", TUESDAY_TEN),
                haircutNowReminding(List.of(120, 15))))
        .when(new RescheduleBookingCommand(PROVIDER, "b1", THURSDAY_TWO, null, CUSTOMER, NOW))
        .expectEvents(
            new BookingRescheduledEvent(
                PROVIDER,
                "b1",
                TUESDAY_TEN,
                berlin("2026-06-02T11:00"),
                THURSDAY_TWO,
                berlin("2026-06-04T15:00"),
                0,
                0,
                null,
                CUSTOMER.accountId(),
                NOW,
                List.of(120, 15)));
  }

  @Test
  void theOwnerChangesAServicesReminders() {
    fixture
        .given(aProviderOpenWeekdaysNineToFive())
        .when(
            new ChangeServiceCommand(
                PROVIDER, HAIRCUT, aHaircutRemindingAt(List.of(30)), OWNER, NOW))
        .expectEvents(haircutNowReminding(List.of(30)));
  }
}
