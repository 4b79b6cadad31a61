package io.calisera.api.schedule;

import static io.calisera.api.schedule.SlotFixtures.BERLIN;
import static io.calisera.api.schedule.SlotFixtures.aBooking;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpenWeekdaysNineToFive;
import static io.calisera.api.schedule.SlotFixtures.anHourLongService;
import static io.calisera.api.schedule.SlotFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 5: a requested start is accepted exactly when it would be offered; else why not. */
class CheckVerdictTest {

  private static final Schedule OPEN_NINE_TO_FIVE = aProviderOpenWeekdaysNineToFive(BERLIN);

  /** An hour, two hours' notice, up to 30 days ahead. */
  private static final SlotSettings SERVICE =
      anHourLongService().withMinimumNotice(120).withMaxDaysInAdvance(30);

  /** Monday 2 March 2026, 07:00 in Berlin. */
  private static final Instant NOW = at("2026-03-02T07:00+01:00");

  private static final BookedRange TUESDAY_AT_TEN =
      aBooking("b-1", "2026-03-03T10:00+01:00", "2026-03-03T11:00+01:00");

  @Test
  void acceptsAnOfferedStartWithTheSlotItBooks() {
    assertThat(check(SERVICE, "2026-03-03T10:00+01:00"))
        .isEqualTo(
            new Verdict.Accepted(
                new Slot(at("2026-03-03T10:00+01:00"), at("2026-03-03T11:00+01:00"))));
  }

  @Test
  void refusesAStartInThePast() {
    assertThat(check(SERVICE, "2026-03-02T06:59+01:00"))
        .isEqualTo(refused(SlotRefusal.IN_THE_PAST));
  }

  @Test
  void refusesAStartOutsideTheWindows() {
    assertThat(check(SERVICE, "2026-03-07T10:00+01:00")).isEqualTo(refused(SlotRefusal.NOT_A_SLOT));
    assertThat(check(SERVICE, "2026-03-03T08:00+01:00")).isEqualTo(refused(SlotRefusal.NOT_A_SLOT));
    assertThat(check(SERVICE, "2026-03-03T17:00+01:00")).isEqualTo(refused(SlotRefusal.NOT_A_SLOT));
  }

  @Test
  void refusesAStartOffTheGrid() {
    assertThat(check(SERVICE, "2026-03-03T10:30+01:00")).isEqualTo(refused(SlotRefusal.NOT_A_SLOT));
    assertThat(check(SERVICE, "2026-03-03T10:00:01+01:00"))
        .isEqualTo(refused(SlotRefusal.NOT_A_SLOT));
    assertThat(check(SERVICE, at("2026-03-03T10:00+01:00").plusNanos(1), null))
        .isEqualTo(refused(SlotRefusal.NOT_A_SLOT));
  }

  @Test
  void refusesAStartOnTheGridWhoseSlotDoesNotFitTheWindow() {
    SlotSettings every45Minutes = SERVICE.withSlotInterval(45);

    assertThat(check(every45Minutes, "2026-03-03T15:45+01:00").isAccepted()).isTrue();
    assertThat(check(every45Minutes, "2026-03-03T16:30+01:00"))
        .isEqualTo(refused(SlotRefusal.NOT_A_SLOT));
  }

  @Test
  void acceptsAStartExactlyAtTheMinimumNoticeAndRefusesOneMinuteEarlier() {
    Instant sevenOClock = at("2026-03-02T07:00+01:00");
    Instant oneMinuteLater = at("2026-03-02T07:01+01:00");
    Instant nine = at("2026-03-02T09:00+01:00");

    assertThat(
            SlotEngine.check(OPEN_NINE_TO_FIVE, SERVICE, List.of(), sevenOClock, nine, null)
                .isAccepted())
        .isTrue();
    assertThat(SlotEngine.check(OPEN_NINE_TO_FIVE, SERVICE, List.of(), oneMinuteLater, nine, null))
        .isEqualTo(refused(SlotRefusal.INSIDE_MINIMUM_NOTICE));
  }

  @Test
  void acceptsTheLastDayOfTheHorizonAndRefusesTheDayAfter() {
    // Today is 2 March in Berlin; 30 days ahead is 1 April (CEST by then).
    assertThat(check(SERVICE, "2026-04-01T16:00+02:00").isAccepted()).isTrue();
    assertThat(check(SERVICE, "2026-04-02T09:00+02:00"))
        .isEqualTo(refused(SlotRefusal.BEYOND_BOOKING_HORIZON));
  }

  @Test
  void refusesATakenSlotAsAConflict() {
    Verdict verdict = check(SERVICE, "2026-03-03T10:00+01:00", TUESDAY_AT_TEN);

    assertThat(verdict).isEqualTo(refused(SlotRefusal.SLOT_TAKEN));
    assertThat(((Verdict.Refused) verdict).reason().isConflict()).isTrue();
    assertThat(SlotRefusal.NOT_A_SLOT.isConflict()).isFalse();
  }

  @Test
  void thePastComesBeforeEverythingElse() {
    assertThat(check(SERVICE, "2026-03-01T10:17+01:00"))
        .isEqualTo(refused(SlotRefusal.IN_THE_PAST));
  }

  @Test
  void notBeingASlotComesBeforeNoticeAndHorizon() {
    assertThat(check(SERVICE, "2026-03-02T08:30+01:00")).isEqualTo(refused(SlotRefusal.NOT_A_SLOT));
    assertThat(check(SERVICE, "2026-04-03T10:30+02:00")).isEqualTo(refused(SlotRefusal.NOT_A_SLOT));
  }

  @Test
  void noticeAndHorizonComeBeforeATakenSlot() {
    BookedRange mondayAtEight = aBooking("b-2", "2026-03-02T08:00+01:00", "2026-03-02T10:00+01:00");
    BookedRange farAhead = aBooking("b-3", "2026-04-03T09:00+02:00", "2026-04-03T10:00+02:00");

    assertThat(check(SERVICE.withMinimumNotice(180), "2026-03-02T09:00+01:00", mondayAtEight))
        .isEqualTo(refused(SlotRefusal.INSIDE_MINIMUM_NOTICE));
    assertThat(check(SERVICE, "2026-04-03T09:00+02:00", farAhead))
        .isEqualTo(refused(SlotRefusal.BEYOND_BOOKING_HORIZON));
  }

  @Test
  void reschedulingOntoItsOwnOldTimeIsAccepted() {
    Verdict verdict = checkRescheduling(SERVICE, "2026-03-03T10:00+01:00", "b-1", TUESDAY_AT_TEN);

    assertThat(verdict.isAccepted()).isTrue();
  }

  @Test
  void reschedulingOntoATimeOverlappingItsOwnOldRangeIsAccepted() {
    SlotSettings halfHourly = SERVICE.withSlotInterval(30);

    assertThat(checkRescheduling(halfHourly, "2026-03-03T10:30+01:00", "b-1", TUESDAY_AT_TEN))
        .isEqualTo(
            new Verdict.Accepted(
                new Slot(at("2026-03-03T10:30+01:00"), at("2026-03-03T11:30+01:00"))));
    assertThat(check(halfHourly, "2026-03-03T10:30+01:00", TUESDAY_AT_TEN))
        .isEqualTo(refused(SlotRefusal.SLOT_TAKEN));
  }

  @Test
  void reschedulingIsStillBlockedByOtherBookings() {
    BookedRange tuesdayAtEleven =
        aBooking("b-2", "2026-03-03T11:00+01:00", "2026-03-03T12:00+01:00");

    assertThat(
            checkRescheduling(
                SERVICE.withSlotInterval(30),
                "2026-03-03T10:30+01:00",
                "b-1",
                TUESDAY_AT_TEN,
                tuesdayAtEleven))
        .isEqualTo(refused(SlotRefusal.SLOT_TAKEN));
  }

  @Test
  void aStartAtTheEndOfTimeIsRefusedWithoutFailing() {
    assertThat(check(SERVICE, Instant.MAX, null))
        .isEqualTo(refused(SlotRefusal.BEYOND_BOOKING_HORIZON));
    assertThat(check(SERVICE, "+999999999-12-31T00:00Z"))
        .isEqualTo(refused(SlotRefusal.BEYOND_BOOKING_HORIZON));
    assertThat(check(SERVICE, "+999999999-12-27T09:30+01:00"))
        .isEqualTo(refused(SlotRefusal.NOT_A_SLOT));
  }

  private static Verdict check(SlotSettings settings, String start, BookedRange... live) {
    return SlotEngine.check(OPEN_NINE_TO_FIVE, settings, List.of(live), NOW, at(start), null);
  }

  private static Verdict check(SlotSettings settings, Instant start, String excludedBookingId) {
    return SlotEngine.check(OPEN_NINE_TO_FIVE, settings, List.of(), NOW, start, excludedBookingId);
  }

  private static Verdict checkRescheduling(
      SlotSettings settings, String start, String bookingId, BookedRange... live) {
    return SlotEngine.check(OPEN_NINE_TO_FIVE, settings, List.of(live), NOW, at(start), bookingId);
  }

  private static Verdict refused(SlotRefusal reason) {
    return new Verdict.Refused(reason);
  }
}
