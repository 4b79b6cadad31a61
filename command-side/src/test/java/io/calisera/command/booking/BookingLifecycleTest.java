package io.calisera.command.booking;

import static io.calisera.command.provider.Calendars.ADMIN;
import static io.calisera.command.provider.Calendars.CONSULTATION;
import static io.calisera.command.provider.Calendars.CUSTOMER;
import static io.calisera.command.provider.Calendars.NOW;
import static io.calisera.command.provider.Calendars.OTHER_CUSTOMER;
import static io.calisera.command.provider.Calendars.OWNER;
import static io.calisera.command.provider.Calendars.PROVIDER;
import static io.calisera.command.provider.Calendars.aProviderOpenWeekdaysNineToFive;
import static io.calisera.command.provider.Calendars.berlin;
import static io.calisera.command.provider.Calendars.cancelled;
import static io.calisera.command.provider.Calendars.consultationPlaced;
import static io.calisera.command.provider.Calendars.guestHaircutPlaced;
import static io.calisera.command.provider.Calendars.haircutPlaced;
import static io.calisera.command.provider.Calendars.placeHaircut;
import static io.calisera.command.provider.Calendars.plus;
import static io.calisera.command.provider.Calendars.refusal;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingConfirmedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.booking.CompleteBookingCommand;
import io.calisera.api.booking.ConfirmBookingCommand;
import io.calisera.api.booking.DeclineBookingCommand;
import io.calisera.api.booking.MarkNoShowCommand;
import io.calisera.api.booking.RescheduleBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.command.provider.Calendars;
import io.calisera.command.provider.ProviderFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A booking's life after it was placed: cancel, reschedule, confirm, decline, complete, no-show.
 * The haircut of booking {@code b1} is on Tuesday 10:00-11:00 with one day's cancellation notice,
 * so its customer may change it until Monday 10:00.
 */
class BookingLifecycleTest {

  private static final Instant TUESDAY_TEN = berlin("2026-06-02T10:00");
  private static final Instant TUESDAY_ELEVEN = berlin("2026-06-02T11:00");
  private static final Instant CUSTOMER_DEADLINE = berlin("2026-06-01T10:00");

  private FixtureConfiguration<?> fixture;

  @BeforeEach
  void setUp() {
    fixture = ProviderFixtures.aProviderFixture();
  }

  private static List<Object> aHaircutBookedOnTuesdayAtTen() {
    return plus(aProviderOpenWeekdaysNineToFive(), haircutPlaced("b1", TUESDAY_TEN));
  }

  private static CancelBookingCommand cancel(Actor by, Instant at) {
    return new CancelBookingCommand(PROVIDER, "b1", "plans changed", by, at);
  }

  private static RescheduleBookingCommand reschedule(Instant start, Actor by, Instant at) {
    return new RescheduleBookingCommand(PROVIDER, "b1", start, "later suits me", by, at);
  }

  @Nested
  class Cancelling {

    @Test
    void theCustomerCancelsBeforeTheCancellationNotice() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(cancel(CUSTOMER, NOW))
          .expectEvents(
              new BookingCancelledEvent(
                  PROVIDER, "b1", "plans changed", CUSTOMER.accountId(), NOW));
    }

    @Test
    void theCustomerMayCancelAtTheLastMomentOfTheWindow() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(cancel(CUSTOMER, CUSTOMER_DEADLINE))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void theCustomerCannotCancelInsideTheCancellationNotice() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(cancel(CUSTOMER, CUSTOMER_DEADLINE.plusSeconds(60)))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.CANCELLATION_WINDOW_CLOSED));
    }

    @Test
    void aGuestCancelsLikeACustomerWithinTheWindow() {
      fixture
          .given(plus(aProviderOpenWeekdaysNineToFive(), guestHaircutPlaced("b1", TUESDAY_TEN)))
          .when(cancel(Actor.GUEST, NOW))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void aGuestCannotCancelInsideTheCancellationNotice() {
      fixture
          .given(plus(aProviderOpenWeekdaysNineToFive(), guestHaircutPlaced("b1", TUESDAY_TEN)))
          .when(cancel(Actor.GUEST, berlin("2026-06-02T09:00")))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.CANCELLATION_WINDOW_CLOSED));
    }

    @Test
    void theOwnerCancelsInsideTheNoticeUntilTheBookingEnds() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(cancel(OWNER, berlin("2026-06-02T10:59")))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void theOwnerCannotCancelABookingThatHasEnded() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(cancel(OWNER, TUESDAY_ELEVEN))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.CANCELLATION_WINDOW_CLOSED));
    }

    @Test
    void cancellingACancelledBookingIsInvalidAndStoresNothing() {
      fixture
          .given(plus(aHaircutBookedOnTuesdayAtTen(), cancelled("b1", CUSTOMER, NOW)))
          .when(cancel(CUSTOMER, NOW))
          .expectNoEvents()
          .expectException(RefusedException.class)
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void someoneElsesCustomerCannotCancel() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(cancel(OTHER_CUSTOMER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.FORBIDDEN));
    }

    @Test
    void cancellingAnUnknownBookingIsNotFound() {
      fixture
          .given(aProviderOpenWeekdaysNineToFive())
          .when(cancel(CUSTOMER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.NOT_FOUND));
    }

    @Test
    void theCalendarStillKnowsACancelledBookingForThirtyDaysAfterItsEnd() {
      fixture
          .given(plus(aHaircutBookedOnTuesdayAtTen(), cancelled("b1", CUSTOMER, NOW)))
          .when(cancel(OWNER, TUESDAY_ELEVEN.plus(Duration.ofDays(30))))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void aBookingIsForgottenThirtyDaysAfterItsEnd() {
      fixture
          .given(plus(aHaircutBookedOnTuesdayAtTen(), cancelled("b1", CUSTOMER, NOW)))
          .when(cancel(OWNER, TUESDAY_ELEVEN.plus(Duration.ofDays(30)).plusSeconds(1)))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.NOT_FOUND));
    }
  }

  @Nested
  class Rescheduling {

    @Test
    void aBookingMovesToAFreeSlotInOneEvent() {
      Instant thursdayTwo = berlin("2026-06-04T14:00");
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(reschedule(thursdayTwo, CUSTOMER, NOW))
          .expectEvents(
              new BookingRescheduledEvent(
                  PROVIDER,
                  "b1",
                  TUESDAY_TEN,
                  TUESDAY_ELEVEN,
                  thursdayTwo,
                  berlin("2026-06-04T15:00"),
                  0,
                  0,
                  "later suits me",
                  CUSTOMER.accountId(),
                  NOW,
                  null))
          .expectResultMessagePayload(null);
    }

    @Test
    void aBookingMayMoveOntoTimeItOccupiesItself() {
      // the colouring at 10:00-11:30 moves half an hour later, overlapping its own old range
      Instant tenThirty = berlin("2026-06-02T10:30");
      fixture
          .given(
              plus(aProviderOpenWeekdaysNineToFive(), Calendars.colouringPlaced("b1", TUESDAY_TEN)))
          .when(reschedule(tenThirty, CUSTOMER, NOW))
          .expectSuccessfulHandlerExecution()
          .expectEvents(
              new BookingRescheduledEvent(
                  PROVIDER,
                  "b1",
                  TUESDAY_TEN,
                  berlin("2026-06-02T11:30"),
                  tenThirty,
                  berlin("2026-06-02T12:00"),
                  15,
                  30,
                  "later suits me",
                  CUSTOMER.accountId(),
                  NOW,
                  null));
    }

    @Test
    void aBookingMayMoveOntoItsOwnTime() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(reschedule(TUESDAY_TEN, CUSTOMER, NOW))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotMoveOntoATakenTime() {
      fixture
          .given(plus(aHaircutBookedOnTuesdayAtTen(), haircutPlaced("b2", TUESDAY_ELEVEN)))
          .when(reschedule(TUESDAY_ELEVEN, CUSTOMER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.SLOT_TAKEN));
    }

    @Test
    void theOldTimeIsFreeOnceTheBookingMoved() {
      fixture
          .given(
              plus(
                  aHaircutBookedOnTuesdayAtTen(),
                  new BookingRescheduledEvent(
                      PROVIDER,
                      "b1",
                      TUESDAY_TEN,
                      TUESDAY_ELEVEN,
                      berlin("2026-06-04T14:00"),
                      berlin("2026-06-04T15:00"),
                      0,
                      0,
                      null,
                      CUSTOMER.accountId(),
                      NOW,
                      null)))
          .when(placeHaircut("b2", TUESDAY_TEN))
          .expectEvents(haircutPlaced("b2", TUESDAY_TEN));
    }

    @Test
    void theMovedBookingBlocksItsNewTime() {
      Instant thursdayTwo = berlin("2026-06-04T14:00");
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .andGivenCommands(reschedule(thursdayTwo, CUSTOMER, NOW))
          .when(placeHaircut("b2", thursdayTwo))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.SLOT_TAKEN));
    }

    @Test
    void cannotMoveACancelledBooking() {
      fixture
          .given(plus(aHaircutBookedOnTuesdayAtTen(), cancelled("b1", CUSTOMER, NOW)))
          .when(reschedule(berlin("2026-06-04T14:00"), CUSTOMER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void theCustomerCannotMoveInsideTheCancellationNotice() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(reschedule(berlin("2026-06-04T14:00"), CUSTOMER, berlin("2026-06-01T12:00")))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.CANCELLATION_WINDOW_CLOSED));
    }

    @Test
    void theOwnerMovesInsideTheCancellationNotice() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(reschedule(berlin("2026-06-04T14:00"), OWNER, berlin("2026-06-01T12:00")))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void aMoveIsRefusedLikeANewBookingForAStartThatIsNoSlot() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(reschedule(berlin("2026-06-06T10:00"), CUSTOMER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.NOT_A_SLOT));
    }

    @Test
    void aStrangerCannotMoveABooking() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(reschedule(berlin("2026-06-04T14:00"), OTHER_CUSTOMER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.FORBIDDEN));
    }
  }

  @Nested
  class ConfirmingAndDeclining {

    private final Instant tuesdayTenThirty = berlin("2026-06-02T10:30");

    private List<Object> aPendingConsultation() {
      return plus(aProviderOpenWeekdaysNineToFive(), consultationPlaced("b1", tuesdayTenThirty));
    }

    @Test
    void theOwnerConfirmsAPendingBooking() {
      fixture
          .given(aPendingConsultation())
          .when(new ConfirmBookingCommand(PROVIDER, "b1", OWNER, NOW))
          .expectEvents(new BookingConfirmedEvent(PROVIDER, "b1", OWNER.accountId(), NOW));
    }

    @Test
    void cannotConfirmAConfirmedBooking() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(new ConfirmBookingCommand(PROVIDER, "b1", OWNER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void aConfirmAtTheStartIsTooLate() {
      fixture
          .given(aPendingConsultation())
          .when(new ConfirmBookingCommand(PROVIDER, "b1", OWNER, tuesdayTenThirty))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void theOwnerMayStillDeclineAfterTheStart() {
      Instant later = tuesdayTenThirty.plusSeconds(60);
      fixture
          .given(aPendingConsultation())
          .when(new DeclineBookingCommand(PROVIDER, "b1", null, OWNER, later))
          .expectEvents(new BookingDeclinedEvent(PROVIDER, "b1", null, OWNER.accountId(), later));
    }

    @Test
    void theOwnerDeclinesAPendingBooking() {
      fixture
          .given(aPendingConsultation())
          .when(new DeclineBookingCommand(PROVIDER, "b1", "on holiday", OWNER, NOW))
          .expectEvents(
              new BookingDeclinedEvent(PROVIDER, "b1", "on holiday", OWNER.accountId(), NOW));
    }

    @Test
    void thePlatformDeclinesABookingStillPendingAtItsStart() {
      fixture
          .given(aPendingConsultation())
          .when(new DeclineBookingCommand(PROVIDER, "b1", null, Actor.SYSTEM, tuesdayTenThirty))
          .expectEvents(
              new BookingDeclinedEvent(PROVIDER, "b1", null, Actor.SYSTEM_ID, tuesdayTenThirty));
    }

    @Test
    void cannotDeclineACancelledBooking() {
      fixture
          .given(plus(aPendingConsultation(), cancelled("b1", CUSTOMER, NOW)))
          .when(new DeclineBookingCommand(PROVIDER, "b1", null, OWNER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void theCustomerCannotConfirmTheirOwnBooking() {
      fixture
          .given(aPendingConsultation())
          .when(new ConfirmBookingCommand(PROVIDER, "b1", CUSTOMER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.FORBIDDEN));
    }

    @Test
    void aConfirmedBookingIsNoLongerPending() {
      fixture
          .given(aPendingConsultation())
          .andGivenCommands(new ConfirmBookingCommand(PROVIDER, "b1", OWNER, NOW))
          .when(new DeclineBookingCommand(PROVIDER, "b1", null, OWNER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void aPendingBookingOccupiesItsTime() {
      fixture
          .given(aPendingConsultation())
          .when(Calendars.place("b2", CONSULTATION, tuesdayTenThirty, OTHER_CUSTOMER))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.SLOT_TAKEN));
    }
  }

  @Nested
  class CompletingAndNoShows {

    @Test
    void theOwnerCompletesABookingAfterItsStart() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(new CompleteBookingCommand(PROVIDER, "b1", OWNER, TUESDAY_ELEVEN))
          .expectEvents(
              new BookingCompletedEvent(PROVIDER, "b1", OWNER.accountId(), TUESDAY_ELEVEN));
    }

    @Test
    void theOwnerMayCompleteAtTheStart() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(new CompleteBookingCommand(PROVIDER, "b1", OWNER, TUESDAY_TEN))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotCompleteBeforeTheStart() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(new CompleteBookingCommand(PROVIDER, "b1", OWNER, TUESDAY_TEN.minusSeconds(60)))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void theCustomerCannotCompleteTheirBooking() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(new CompleteBookingCommand(PROVIDER, "b1", CUSTOMER, TUESDAY_ELEVEN))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.FORBIDDEN));
    }

    @Test
    void anAdminMayActForTheOwner() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(new MarkNoShowCommand(PROVIDER, "b1", ADMIN, TUESDAY_ELEVEN))
          .expectEvents(
              new BookingMarkedNoShowEvent(PROVIDER, "b1", ADMIN.accountId(), TUESDAY_ELEVEN));
    }

    @Test
    void theOwnerMarksANoShowAfterTheStart() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(new MarkNoShowCommand(PROVIDER, "b1", OWNER, berlin("2026-06-02T10:15")))
          .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotMarkANoShowBeforeTheStart() {
      fixture
          .given(aHaircutBookedOnTuesdayAtTen())
          .when(new MarkNoShowCommand(PROVIDER, "b1", OWNER, NOW))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void aCompletedBookingIsFinal() {
      fixture
          .given(
              plus(
                  aHaircutBookedOnTuesdayAtTen(),
                  new BookingCompletedEvent(PROVIDER, "b1", OWNER.accountId(), TUESDAY_ELEVEN)))
          .when(new MarkNoShowCommand(PROVIDER, "b1", OWNER, TUESDAY_ELEVEN))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void cannotCompleteABookingStillPending() {
      Instant tenThirty = berlin("2026-06-02T10:30");
      fixture
          .given(plus(aProviderOpenWeekdaysNineToFive(), consultationPlaced("b1", tenThirty)))
          .when(new CompleteBookingCommand(PROVIDER, "b1", OWNER, berlin("2026-06-02T11:00")))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }

    @Test
    void cannotCancelACompletedBooking() {
      BookingPlacedEvent placed = haircutPlaced("b1", TUESDAY_TEN);
      fixture
          .given(
              plus(
                  aProviderOpenWeekdaysNineToFive(),
                  placed,
                  new BookingCompletedEvent(PROVIDER, "b1", OWNER.accountId(), TUESDAY_ELEVEN)))
          .when(cancel(OWNER, TUESDAY_TEN.plusSeconds(60)))
          .expectNoEvents()
          .expectExceptionDetails(refusal(RefusalCode.INVALID_STATE));
    }
  }
}
