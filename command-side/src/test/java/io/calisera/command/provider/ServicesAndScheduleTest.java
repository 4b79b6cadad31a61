package io.calisera.command.provider;

import static io.calisera.command.provider.Calendars.BO;
import static io.calisera.command.provider.Calendars.COLOURING;
import static io.calisera.command.provider.Calendars.CUSTOMER;
import static io.calisera.command.provider.Calendars.HAIRCUT;
import static io.calisera.command.provider.Calendars.NOW;
import static io.calisera.command.provider.Calendars.OWNER;
import static io.calisera.command.provider.Calendars.PROVIDER;
import static io.calisera.command.provider.Calendars.aColouring;
import static io.calisera.command.provider.Calendars.aHaircut;
import static io.calisera.command.provider.Calendars.aProviderOpenWeekdaysNineToFive;
import static io.calisera.command.provider.Calendars.berlin;
import static io.calisera.command.provider.Calendars.euros;
import static io.calisera.command.provider.Calendars.haircutPlaced;
import static io.calisera.command.provider.Calendars.place;
import static io.calisera.command.provider.Calendars.placeHaircut;
import static io.calisera.command.provider.Calendars.placed;
import static io.calisera.command.provider.Calendars.plus;
import static io.calisera.command.provider.Calendars.refusal;
import static io.calisera.command.provider.Calendars.scheduleOf;
import static io.calisera.command.provider.Calendars.weekdays;
import static io.calisera.command.provider.Calendars.withCustomer;

import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.provider.AddServiceCommand;
import io.calisera.api.provider.ChangeServiceCommand;
import io.calisera.api.provider.DeactivateServiceCommand;
import io.calisera.api.provider.ProviderProfileUpdatedEvent;
import io.calisera.api.provider.ReplaceScheduleCommand;
import io.calisera.api.provider.ScheduleReplacedEvent;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.SlotSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A provider's services and schedule, and how changing them affects bookings. */
class ServicesAndScheduleTest {

  private static final Instant TUESDAY_TEN = berlin("2026-06-02T10:00");

  private FixtureConfiguration<?> fixture;

  @BeforeEach
  void setUp() {
    fixture = ProviderFixtures.aProviderFixture();
  }

  /** A haircut that now takes two hours with half an hour to clean up, and no notice. */
  private static ServiceDefinition aLongerHaircutWithoutNotice() {
    return new ServiceDefinition(
        "Haircut and styling",
        SlotSettings.withDefaults(120, 0, 30, 120, 0, 60),
        euros("70.00"),
        0,
        false,
        null);
  }

  private static ServiceChangedEvent haircutChanged() {
    return new ServiceChangedEvent(
        PROVIDER, HAIRCUT, aLongerHaircutWithoutNotice(), OWNER.accountId(), NOW);
  }

  @Nested
  class Services {

    @Test
    void theOwnerAddsAService() {
      fixture
          .given(Calendars.aProviderCreated())
          .when(new AddServiceCommand(PROVIDER, HAIRCUT, aHaircut(), OWNER, NOW))
          .expectEvents(
              new ServiceAddedEvent(PROVIDER, HAIRCUT, aHaircut(), OWNER.accountId(), NOW));
    }

    @Test
    void cannotAddAServiceIdTwice() {
      fixture
          .given(aProviderOpenWeekdaysNineToFive())
          .when(new AddServiceCommand(PROVIDER, HAIRCUT, aColouring(), OWNER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void onlyTheOwnerAddsServices() {
      fixture
          .given(Calendars.aProviderCreated())
          .when(new AddServiceCommand(PROVIDER, HAIRCUT, aHaircut(), CUSTOMER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.FORBIDDEN));
    }

    @Test
    void onlyTheOwnerChangesServices() {
      fixture
          .given(aProviderOpenWeekdaysNineToFive())
          .when(
              new ChangeServiceCommand(
                  PROVIDER, HAIRCUT, aLongerHaircutWithoutNotice(), CUSTOMER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.FORBIDDEN));
    }

    @Test
    void aServiceForAnUnknownProviderIsNotFound() {
      fixture
          .givenNoPriorActivity()
          .when(new AddServiceCommand(PROVIDER, HAIRCUT, aHaircut(), OWNER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.NOT_FOUND));
    }

    @Test
    void theOwnerChangesAService() {
      fixture
          .given(aProviderOpenWeekdaysNineToFive())
          .when(
              new ChangeServiceCommand(
                  PROVIDER, HAIRCUT, aLongerHaircutWithoutNotice(), OWNER, NOW))
          .expectEvents(haircutChanged());
    }

    @Test
    void aChangedServiceShapesTheBookingsPlacedAfterwards() {
      fixture
          .given(plus(aProviderOpenWeekdaysNineToFive(), haircutChanged()))
          .when(placeHaircut("b1", berlin("2026-06-02T11:00")))
          .expectEvents(
              placed(
                  "b1",
                  HAIRCUT,
                  berlin("2026-06-02T11:00"),
                  120,
                  0,
                  30,
                  0,
                  BookingStatus.CONFIRMED,
                  CUSTOMER));
    }

    @Test
    void aPlacedBookingKeepsTheDurationItWasPlacedWith() {
      // b1 still occupies 10:00-11:00 only, so the new two-hour haircut fits from 11:00
      fixture
          .given(
              plus(
                  aProviderOpenWeekdaysNineToFive(),
                  haircutPlaced("b1", TUESDAY_TEN),
                  haircutChanged()))
          .when(placeHaircut("b2", berlin("2026-06-02T11:00")))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void aPlacedBookingKeepsTheCancellationNoticeItWasPlacedWith() {
      fixture
          .given(
              plus(
                  aProviderOpenWeekdaysNineToFive(),
                  haircutPlaced("b1", TUESDAY_TEN),
                  haircutChanged()))
          .when(
              new CancelBookingCommand(PROVIDER, "b1", null, CUSTOMER, berlin("2026-06-02T09:00")))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.CANCELLATION_WINDOW_CLOSED));
    }

    @Test
    void cannotChangeAnUnknownService() {
      fixture
          .given(aProviderOpenWeekdaysNineToFive())
          .when(new ChangeServiceCommand(PROVIDER, "massage", aHaircut(), OWNER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.NOT_FOUND));
    }

    @Test
    void theOwnerDeactivatesAService() {
      fixture
          .given(aProviderOpenWeekdaysNineToFive())
          .when(new DeactivateServiceCommand(PROVIDER, HAIRCUT, OWNER, NOW))
          .expectEvents(new ServiceDeactivatedEvent(PROVIDER, HAIRCUT, OWNER.accountId(), NOW));
    }

    @Test
    void deactivatingTwiceStoresNothing() {
      fixture
          .given(
              plus(
                  aProviderOpenWeekdaysNineToFive(),
                  new ServiceDeactivatedEvent(PROVIDER, HAIRCUT, OWNER.accountId(), NOW)))
          .when(new DeactivateServiceCommand(PROVIDER, HAIRCUT, OWNER, NOW))
          .expectSuccessfulHandlerExecution()
          .expectNoEvents();
    }

    @Test
    void cannotDeactivateAnUnknownService() {
      fixture
          .given(aProviderOpenWeekdaysNineToFive())
          .when(new DeactivateServiceCommand(PROVIDER, "massage", OWNER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.NOT_FOUND));
    }

    @Test
    void cannotChangeADeactivatedService() {
      fixture
          .given(
              plus(
                  aProviderOpenWeekdaysNineToFive(),
                  new ServiceDeactivatedEvent(PROVIDER, HAIRCUT, OWNER.accountId(), NOW)))
          .when(new ChangeServiceCommand(PROVIDER, HAIRCUT, aHaircut(), OWNER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void theBookingsOfADeactivatedServiceStayAndKeepTheirTime() {
      fixture
          .given(
              plus(
                  aProviderOpenWeekdaysNineToFive(),
                  haircutPlaced("b1", TUESDAY_TEN),
                  new ServiceDeactivatedEvent(PROVIDER, HAIRCUT, OWNER.accountId(), NOW)))
          .when(place("b2", COLOURING, berlin("2026-06-02T09:00"), CUSTOMER))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.SLOT_TAKEN));
    }

    @Test
    void theBookingsOfADeactivatedServiceCanStillBeCancelled() {
      fixture
          .given(
              plus(
                  aProviderOpenWeekdaysNineToFive(),
                  haircutPlaced("b1", TUESDAY_TEN),
                  new ServiceDeactivatedEvent(PROVIDER, HAIRCUT, OWNER.accountId(), NOW)))
          .when(new CancelBookingCommand(PROVIDER, "b1", null, CUSTOMER, NOW))
          .expectSuccessfulHandlerExecution();
    }
  }

  @Nested
  class Schedule {

    @Test
    void theOwnerReplacesTheSchedule() {
      ReplaceScheduleCommand afternoons =
          new ReplaceScheduleCommand(
              PROVIDER,
              weekdays("13:00", "20:00"),
              List.of(DateOverride.closed(LocalDate.parse("2026-12-24"))),
              OWNER,
              NOW);
      fixture
          .given(aProviderOpenWeekdaysNineToFive())
          .when(afternoons)
          .expectEvents(
              new ScheduleReplacedEvent(
                  PROVIDER, afternoons.weekly(), afternoons.overrides(), OWNER.accountId(), NOW));
    }

    @Test
    void onlyTheOwnerReplacesTheSchedule() {
      fixture
          .given(aProviderOpenWeekdaysNineToFive())
          .when(
              new ReplaceScheduleCommand(
                  PROVIDER, weekdays("13:00", "20:00"), List.of(), CUSTOMER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.FORBIDDEN));
    }

    @Test
    void aReplacedScheduleDropsTheOldHoursEntirely() {
      fixture
          .given(
              plus(
                  aProviderOpenWeekdaysNineToFive(),
                  scheduleOf(weekdays("13:00", "20:00"), List.of())))
          .when(placeHaircut("b1", TUESDAY_TEN))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.NOT_A_SLOT));
    }

    @Test
    void aReplacedScheduleOffersItsNewHours() {
      Instant six = berlin("2026-06-02T18:00");
      fixture
          .given(
              plus(
                  aProviderOpenWeekdaysNineToFive(),
                  scheduleOf(weekdays("13:00", "20:00"), List.of())))
          .when(placeHaircut("b1", six))
          .expectEvents(haircutPlaced("b1", six));
    }

    @Test
    void anOverrideClosesADay() {
      fixture
          .given(
              plus(
                  aProviderOpenWeekdaysNineToFive(),
                  scheduleOf(
                      weekdays("09:00", "17:00"),
                      List.of(DateOverride.closed(LocalDate.parse("2026-06-02"))))))
          .when(placeHaircut("b1", TUESDAY_TEN))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.NOT_A_SLOT));
    }

    @Test
    void aTimeZoneChangeReinterpretsTheWeeklyHours() {
      // 09:00 in New York is 15:00 in Berlin; a customer who names no zone gets the new one
      Instant nineInNewYork = berlin("2026-06-02T15:00");
      fixture
          .given(plus(aProviderOpenWeekdaysNineToFive(), movedToNewYork()))
          .when(placeHaircut("b1", nineInNewYork))
          .expectEvents(
              withCustomer(
                  haircutPlaced("b1", nineInNewYork),
                  BO.withDefaultZone(ZoneId.of("America/New_York"))));
    }

    @Test
    void afterATimeZoneChangeTheOldLocalHoursAreClosed() {
      fixture
          .given(plus(aProviderOpenWeekdaysNineToFive(), movedToNewYork()))
          .when(placeHaircut("b1", TUESDAY_TEN))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.NOT_A_SLOT));
    }

    @Test
    void existingBookingsKeepTheirInstantsAfterATimeZoneChange() {
      Instant nineInNewYork = berlin("2026-06-02T15:00");
      fixture
          .given(
              plus(
                  aProviderOpenWeekdaysNineToFive(),
                  haircutPlaced("b1", nineInNewYork),
                  movedToNewYork()))
          .when(placeHaircut("b2", nineInNewYork))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.SLOT_TAKEN));
    }

    private static ProviderProfileUpdatedEvent movedToNewYork() {
      return new ProviderProfileUpdatedEvent(
          PROVIDER,
          "Salon Anna",
          "salon-anna",
          ZoneId.of("America/New_York"),
          null,
          "hair",
          "New York",
          OWNER.accountId(),
          NOW);
    }
  }
}
