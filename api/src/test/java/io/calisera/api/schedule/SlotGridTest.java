package io.calisera.api.schedule;

import static io.calisera.api.schedule.SlotFixtures.A_MONDAY;
import static io.calisera.api.schedule.SlotFixtures.BERLIN;
import static io.calisera.api.schedule.SlotFixtures.aBooking;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpen;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpenWeekdaysNineToFive;
import static io.calisera.api.schedule.SlotFixtures.anHourLongService;
import static io.calisera.api.schedule.SlotFixtures.at;
import static io.calisera.api.schedule.SlotFixtures.hours;
import static io.calisera.api.schedule.SlotFixtures.instants;
import static io.calisera.api.schedule.SlotFixtures.slotsBetween;
import static io.calisera.api.schedule.SlotFixtures.slotsOn;
import static io.calisera.api.schedule.SlotFixtures.startsOf;
import static io.calisera.api.schedule.SlotFixtures.wallClock;
import static io.calisera.api.schedule.SlotFixtures.wallClockStarts;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 2: the grid of each window, and which of its starts fit. */
class SlotGridTest {

  @Test
  void offersOneSlotPerDurationWhenTheIntervalDefaultsToTheDuration() {
    List<Slot> slots =
        slotsOn(aProviderOpenWeekdaysNineToFive(BERLIN), anHourLongService(), A_MONDAY);

    assertThat(wallClock(slots, BERLIN))
        .containsExactly(
            "09:00-10:00",
            "10:00-11:00",
            "11:00-12:00",
            "12:00-13:00",
            "13:00-14:00",
            "14:00-15:00",
            "15:00-16:00",
            "16:00-17:00");
    assertThat(slots.get(0))
        .isEqualTo(new Slot(at("2026-03-02T09:00+01:00"), at("2026-03-02T10:00+01:00")));
  }

  @Test
  void gridStepsByTheSlotIntervalNotByTheDuration() {
    Schedule schedule = aProviderOpen(BERLIN, hours(MONDAY, "09:00", "12:00"));

    List<Slot> slots =
        slotsOn(schedule, SlotSettings.withDefaults(50).withSlotInterval(20), A_MONDAY);

    assertThat(wallClock(slots, BERLIN))
        .containsExactly(
            "09:00-09:50",
            "09:20-10:10",
            "09:40-10:30",
            "10:00-10:50",
            "10:20-11:10",
            "10:40-11:30",
            "11:00-11:50");
  }

  @Test
  void anIntervalLongerThanTheDurationLeavesGapsBetweenSlots() {
    Schedule schedule = aProviderOpen(BERLIN, hours(MONDAY, "09:00", "12:00"));

    List<Slot> slots =
        slotsOn(schedule, SlotSettings.withDefaults(30).withSlotInterval(60), A_MONDAY);

    assertThat(wallClock(slots, BERLIN))
        .containsExactly("09:00-09:30", "10:00-10:30", "11:00-11:30");
  }

  @Test
  void aSlotEndingExactlyAtTheWindowEndIsOfferedAndOneRunningPastItIsNot() {
    Schedule schedule = aProviderOpen(BERLIN, hours(MONDAY, "09:00", "11:30"));

    List<Slot> slots =
        slotsOn(schedule, SlotSettings.withDefaults(45).withSlotInterval(15), A_MONDAY);

    assertThat(wallClockStarts(slots, BERLIN)).last().isEqualTo("10:45");
  }

  @Test
  void aLunchBreakSplitsTheDayIntoTwoGridsEachAnchoredAtItsWindowStart() {
    Schedule schedule =
        aProviderOpen(BERLIN, hours(MONDAY, "09:00", "12:00"), hours(MONDAY, "13:10", "17:00"));

    List<Slot> slots = slotsOn(schedule, anHourLongService().withSlotInterval(45), A_MONDAY);

    assertThat(wallClockStarts(slots, BERLIN))
        .containsExactly("09:00", "09:45", "10:30", "13:10", "13:55", "14:40", "15:25");
  }

  @Test
  void theGridIsAnchoredAtTheWindowStartNotAtTheStartOfTheRange() {
    Schedule schedule = aProviderOpenWeekdaysNineToFive(BERLIN);

    List<Slot> slots =
        SlotEngine.availableSlots(
            schedule,
            anHourLongService().withSlotInterval(45),
            List.of(),
            at("2026-03-01T00:00+01:00"),
            at("2026-03-02T10:00+01:00"),
            at("2026-03-02T13:00+01:00"));

    assertThat(wallClockStarts(slots, BERLIN)).containsExactly("10:30", "11:15", "12:00", "12:45");
  }

  @Test
  void theRangeIsHalfOpen() {
    Schedule schedule = aProviderOpenWeekdaysNineToFive(BERLIN);

    List<Slot> slots =
        SlotEngine.availableSlots(
            schedule,
            anHourLongService(),
            List.of(),
            at("2026-03-01T00:00+01:00"),
            at("2026-03-02T10:00+01:00"),
            at("2026-03-02T12:00+01:00"));

    assertThat(startsOf(slots))
        .containsExactly(at("2026-03-02T10:00+01:00"), at("2026-03-02T11:00+01:00"));
  }

  @Test
  void anEmptyRangeHasNoSlots() {
    Instant instant = at("2026-03-02T10:00+01:00");

    assertThat(
            SlotEngine.availableSlots(
                aProviderOpenWeekdaysNineToFive(BERLIN),
                anHourLongService(),
                List.of(),
                at("2026-03-01T00:00+01:00"),
                instant,
                instant))
        .isEmpty();
  }

  @Test
  void aDayWithoutHoursHasNoSlots() {
    assertThat(
            slotsOn(
                aProviderOpenWeekdaysNineToFive(BERLIN),
                anHourLongService(),
                A_MONDAY.minusDays(1)))
        .isEmpty();
  }

  @Test
  void slotsOfSeveralDaysAreSortedByStart() {
    List<Slot> slots =
        slotsBetween(
            aProviderOpenWeekdaysNineToFive(BERLIN),
            anHourLongService(),
            A_MONDAY,
            A_MONDAY.plusDays(6));

    assertThat(slots).hasSize(5 * 8);
    assertThat(startsOf(slots)).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void bookingsDoNotMoveTheGrid() {
    Schedule schedule = aProviderOpenWeekdaysNineToFive(BERLIN);
    SlotSettings halfHourly = anHourLongService().withSlotInterval(30);

    List<Slot> slots =
        slotsOn(
            schedule,
            halfHourly,
            A_MONDAY,
            aBooking("b-1", "2026-03-02T09:10+01:00", "2026-03-02T09:25+01:00"));

    assertThat(wallClockStarts(slots, BERLIN)).startsWith("09:30", "10:00", "10:30");
  }

  @Test
  void overlappingWindowsOfNeighbouringDaysOfferEachStartOnce() {
    // Legal: the intervals belong to different days, yet as instants they overlap 01:00-04:00.
    Schedule schedule =
        aProviderOpen(BERLIN, hours(MONDAY, "22:00", "04:00"), hours(TUESDAY, "01:00", "05:00"));

    List<Slot> slots = slotsOn(schedule, anHourLongService(), A_MONDAY.plusDays(1));

    assertThat(startsOf(slots))
        .containsExactlyElementsOf(
            instants(
                "2026-03-03T00:00+01:00",
                "2026-03-03T01:00+01:00",
                "2026-03-03T02:00+01:00",
                "2026-03-03T03:00+01:00",
                "2026-03-03T04:00+01:00"));
  }

  @Test
  void overlappingWindowsKeepTheirOwnGrids() {
    Schedule schedule =
        aProviderOpen(BERLIN, hours(MONDAY, "22:00", "04:00"), hours(TUESDAY, "01:30", "05:00"));

    List<Slot> slots = slotsOn(schedule, anHourLongService(), A_MONDAY.plusDays(1));

    assertThat(wallClockStarts(slots, BERLIN))
        .containsExactly("00:00", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30");
  }
}
