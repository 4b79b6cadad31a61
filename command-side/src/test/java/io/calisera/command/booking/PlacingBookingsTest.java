package io.calisera.command.booking;

import static io.calisera.command.provider.Calendars.ADMIN;
import static io.calisera.command.provider.Calendars.BERLIN;
import static io.calisera.command.provider.Calendars.BO;
import static io.calisera.command.provider.Calendars.COLOURING;
import static io.calisera.command.provider.Calendars.CONSULTATION;
import static io.calisera.command.provider.Calendars.CUSTOMER;
import static io.calisera.command.provider.Calendars.HAIRCUT;
import static io.calisera.command.provider.Calendars.NOW;
import static io.calisera.command.provider.Calendars.OTHER_CUSTOMER;
import static io.calisera.command.provider.Calendars.PROVIDER;
import static io.calisera.command.provider.Calendars.aHaircut;
import static io.calisera.command.provider.Calendars.aProviderCreated;
import static io.calisera.command.provider.Calendars.aProviderOpenWeekdaysNineToFive;
import static io.calisera.command.provider.Calendars.berlin;
import static io.calisera.command.provider.Calendars.cancelled;
import static io.calisera.command.provider.Calendars.colouringPlaced;
import static io.calisera.command.provider.Calendars.consultationPlaced;
import static io.calisera.command.provider.Calendars.guestHaircutPlaced;
import static io.calisera.command.provider.Calendars.haircutPlaced;
import static io.calisera.command.provider.Calendars.place;
import static io.calisera.command.provider.Calendars.placeHaircut;
import static io.calisera.command.provider.Calendars.plus;
import static io.calisera.command.provider.Calendars.refusal;
import static io.calisera.command.provider.Calendars.serviceAdded;
import static io.calisera.command.provider.Calendars.withCustomer;

import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.Customer;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.command.provider.Calendars;
import io.calisera.command.provider.ProviderFixtures;
import java.time.Instant;
import java.time.ZoneId;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rule 5 of docs/api.md: a booking succeeds exactly for a start the slot rules offer. */
class PlacingBookingsTest {

  private static final Instant TUESDAY_TEN = berlin("2026-06-02T10:00");

  private FixtureConfiguration<?> fixture;

  @BeforeEach
  void setUp() {
    fixture = ProviderFixtures.aProviderFixture();
  }

  @Test
  void aFreeSlotIsBookedAndConfirmedAtOnce() {
    fixture
        .given(aProviderOpenWeekdaysNineToFive())
        .when(placeHaircut("b1", TUESDAY_TEN))
        .expectEvents(haircutPlaced("b1", TUESDAY_TEN))
        .expectResultMessagePayload(
            new BookingReceipt(
                "b1",
                PROVIDER,
                HAIRCUT,
                BookingStatus.CONFIRMED,
                TUESDAY_TEN,
                berlin("2026-06-02T11:00"),
                BERLIN,
                false));
  }

  @Test
  void aServiceThatRequiresConfirmationPlacesAPendingBooking() {
    Instant start = berlin("2026-06-02T10:30");
    fixture
        .given(aProviderOpenWeekdaysNineToFive())
        .when(place("b1", CONSULTATION, start, CUSTOMER))
        .expectEvents(consultationPlaced("b1", start));
  }

  @Test
  void aGuestBooksWithoutAnAccount() {
    fixture
        .given(aProviderOpenWeekdaysNineToFive())
        .when(place("b1", HAIRCUT, TUESDAY_TEN, Actor.GUEST))
        .expectEvents(guestHaircutPlaced("b1", TUESDAY_TEN));
  }

  @Test
  void cannotBookASlotThatIsTaken() {
    fixture
        .given(plus(aProviderOpenWeekdaysNineToFive(), haircutPlaced("b1", TUESDAY_TEN)))
        .when(place("b2", HAIRCUT, TUESDAY_TEN, OTHER_CUSTOMER))
        .expectNoEvents()
        .expectException(RefusedException.class)
        .expectExceptionDetails(refusal(RefusalCode.SLOT_TAKEN));
  }

  @Test
  void cannotBookAStartOffTheServicesGrid() {
    expectRefused(placeHaircut("b1", berlin("2026-06-02T10:30")), RefusalCode.NOT_A_SLOT);
  }

  @Test
  void cannotBookOutsideTheWeeklyHours() {
    expectRefused(placeHaircut("b1", berlin("2026-06-06T10:00")), RefusalCode.NOT_A_SLOT);
    expectRefused(placeHaircut("b1", berlin("2026-06-02T17:00")), RefusalCode.NOT_A_SLOT);
    expectRefused(placeHaircut("b1", berlin("2026-06-02T08:00")), RefusalCode.NOT_A_SLOT);
  }

  @Test
  void cannotBookASlotThatDoesNotFitBeforeClosing() {
    // colouring runs 90 minutes: 16:00 would end at 17:30, after the window
    expectRefused(
        place("b1", COLOURING, berlin("2026-06-02T16:00"), CUSTOMER), RefusalCode.NOT_A_SLOT);
  }

  @Test
  void cannotBookInThePast() {
    expectRefused(placeHaircut("b1", berlin("2026-05-29T10:00")), RefusalCode.IN_THE_PAST);
  }

  @Test
  void cannotBookInsideTheMinimumNotice() {
    // consultations need two hours' notice; now is 08:00
    expectRefused(
        place("b1", CONSULTATION, berlin("2026-06-01T09:30"), CUSTOMER),
        RefusalCode.INSIDE_MINIMUM_NOTICE);
  }

  @Test
  void aStartExactlyAtTheMinimumNoticeIsBookable() {
    Instant start = berlin("2026-06-01T10:00");
    fixture
        .given(aProviderOpenWeekdaysNineToFive())
        .when(place("b1", CONSULTATION, start, CUSTOMER))
        .expectEvents(consultationPlaced("b1", start));
  }

  @Test
  void cannotBookBeyondTheBookingHorizon() {
    // consultations are bookable 14 days ahead: until Monday 15 June
    expectRefused(
        place("b1", CONSULTATION, berlin("2026-06-16T10:00"), CUSTOMER),
        RefusalCode.BEYOND_BOOKING_HORIZON);
  }

  @Test
  void cannotBookIntoTheBuffersOfAnotherServicesBooking() {
    // the colouring at 10:00-11:30 occupies 09:45-12:00 with its buffers
    fixture
        .given(plus(aProviderOpenWeekdaysNineToFive(), colouringPlaced("b1", TUESDAY_TEN)))
        .when(placeHaircut("b2", berlin("2026-06-02T09:00")))
        .expectNoEvents()
        .expectExceptionDetails(refusal(RefusalCode.SLOT_TAKEN));
  }

  @Test
  void aBookingMayStartWhereAnotherOnesBufferEnds() {
    Instant noon = berlin("2026-06-02T12:00");
    fixture
        .given(plus(aProviderOpenWeekdaysNineToFive(), colouringPlaced("b1", TUESDAY_TEN)))
        .when(placeHaircut("b2", noon))
        .expectEvents(haircutPlaced("b2", noon));
  }

  @Test
  void cannotBookWhenTheRequestedServicesOwnBuffersReachABooking() {
    // a colouring at 10:30 ends at 12:00 and needs until 12:30 to clean up: the haircut at 12:00
    fixture
        .given(
            plus(
                aProviderOpenWeekdaysNineToFive(), haircutPlaced("b1", berlin("2026-06-02T12:00"))))
        .when(place("b2", COLOURING, berlin("2026-06-02T10:30"), CUSTOMER))
        .expectNoEvents()
        .expectExceptionDetails(refusal(RefusalCode.SLOT_TAKEN));
  }

  @Test
  void aCancelledBookingNoLongerBlocksItsTime() {
    fixture
        .given(
            plus(
                aProviderOpenWeekdaysNineToFive(),
                haircutPlaced("b1", TUESDAY_TEN),
                cancelled("b1", CUSTOMER, NOW)))
        .when(place("b2", HAIRCUT, TUESDAY_TEN, CUSTOMER))
        .expectEvents(haircutPlaced("b2", TUESDAY_TEN));
  }

  @Test
  void cannotBookAnUnknownService() {
    expectRefused(place("b1", "massage", TUESDAY_TEN, CUSTOMER), RefusalCode.NOT_FOUND);
  }

  @Test
  void cannotBookADeactivatedService() {
    fixture
        .given(
            plus(
                aProviderOpenWeekdaysNineToFive(),
                new ServiceDeactivatedEvent(PROVIDER, HAIRCUT, "owner-1", NOW)))
        .when(placeHaircut("b1", TUESDAY_TEN))
        .expectNoEvents()
        .expectExceptionDetails(refusal(RefusalCode.NOT_A_SLOT));
  }

  @Test
  void aCustomerBooksForTheirOwnAccountOnly() {
    PlaceBookingCommand forSomeoneElse =
        new PlaceBookingCommand(
            PROVIDER,
            "b1",
            HAIRCUT,
            TUESDAY_TEN,
            Calendars.BO,
            OTHER_CUSTOMER.accountId(),
            null,
            null,
            CUSTOMER,
            NOW);
    expectRefused(forSomeoneElse, RefusalCode.FORBIDDEN);
  }

  @Test
  void anAdminMayBookForACustomer() {
    PlaceBookingCommand byAdmin =
        new PlaceBookingCommand(
            PROVIDER,
            "b1",
            HAIRCUT,
            TUESDAY_TEN,
            Calendars.BO,
            CUSTOMER.accountId(),
            null,
            null,
            ADMIN,
            NOW);
    fixture
        .given(aProviderOpenWeekdaysNineToFive())
        .when(byAdmin)
        .expectEvents(
            new BookingPlacedEvent(
                PROVIDER,
                "b1",
                HAIRCUT,
                TUESDAY_TEN,
                berlin("2026-06-02T11:00"),
                0,
                0,
                24 * 60,
                BookingStatus.CONFIRMED,
                Calendars.BO_IN_BERLIN,
                CUSTOMER.accountId(),
                null,
                ADMIN.accountId(),
                NOW,
                null));
  }

  @Test
  void cannotReuseABookingId() {
    fixture
        .given(plus(aProviderOpenWeekdaysNineToFive(), haircutPlaced("b1", TUESDAY_TEN)))
        .when(placeHaircut("b1", berlin("2026-06-02T14:00")))
        .expectNoEvents()
        .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
  }

  @Test
  void nothingIsBookableBeforeOpeningHoursAreSet() {
    fixture
        .given(aProviderCreated(), serviceAdded(HAIRCUT, aHaircut()))
        .when(placeHaircut("b1", TUESDAY_TEN))
        .expectNoEvents()
        .expectExceptionDetails(refusal(RefusalCode.NOT_A_SLOT));
  }

  @Test
  void aCustomerWhoNamesNoZoneIsRecordedInTheProvidersZone() {
    fixture
        .given(aProviderOpenWeekdaysNineToFive())
        .when(placeHaircut("b1", TUESDAY_TEN))
        .expectEvents(withCustomer(haircutPlaced("b1", TUESDAY_TEN), BO.withDefaultZone(BERLIN)));
  }

  @Test
  void aCustomerKeepsTheZoneTheyName() {
    Customer inTokyo = new Customer("Bo Chen", "bo@example.com", null, ZoneId.of("Asia/Tokyo"));
    fixture
        .given(aProviderOpenWeekdaysNineToFive())
        .when(
            new PlaceBookingCommand(
                PROVIDER,
                "b1",
                HAIRCUT,
                TUESDAY_TEN,
                inTokyo,
                CUSTOMER.accountId(),
                null,
                null,
                CUSTOMER,
                NOW))
        .expectEvents(withCustomer(haircutPlaced("b1", TUESDAY_TEN), inTokyo));
  }

  @Test
  void aBookingForAnUnknownProviderIsNotFound() {
    fixture
        .givenNoPriorActivity()
        .when(placeHaircut("b1", TUESDAY_TEN))
        .expectNoEvents()
        .expectExceptionDetails(refusal(RefusalCode.NOT_FOUND));
  }

  private void expectRefused(PlaceBookingCommand command, RefusalCode code) {
    fixture
        .given(aProviderOpenWeekdaysNineToFive())
        .when(command)
        .expectNoEvents()
        .expectException(RefusedException.class)
        .expectExceptionDetails(refusal(code));
  }
}
