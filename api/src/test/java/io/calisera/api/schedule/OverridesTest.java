package io.calisera.api.schedule;

import static io.calisera.api.schedule.SlotFixtures.BERLIN;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpen;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpenWeekdaysNineToFive;
import static io.calisera.api.schedule.SlotFixtures.anHourLongService;
import static io.calisera.api.schedule.SlotFixtures.date;
import static io.calisera.api.schedule.SlotFixtures.hours;
import static io.calisera.api.schedule.SlotFixtures.slotsBetween;
import static io.calisera.api.schedule.SlotFixtures.slotsOn;
import static io.calisera.api.schedule.SlotFixtures.wallClockStarts;
import static java.time.DayOfWeek.FRIDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 1: an override replaces the weekly hours of its date, and only of its date. */
class OverridesTest {

  private static final LocalDate CHRISTMAS_EVE = date("2026-12-24"); // a Thursday
  private static final LocalDate CHRISTMAS_DAY = date("2026-12-25"); // a Friday
  private static final LocalDate A_SUNDAY = date("2026-12-27");

  @Test
  void anOverrideReplacesTheWeeklyHoursOfItsDate() {
    Schedule schedule =
        withOverrides(
            aProviderOpenWeekdaysNineToFive(BERLIN),
            DateOverride.open(CHRISTMAS_EVE, TimeInterval.of("09:00", "12:00")));

    assertThat(wallClockStarts(slotsOn(schedule, anHourLongService(), CHRISTMAS_EVE), BERLIN))
        .containsExactly("09:00", "10:00", "11:00");
  }

  @Test
  void anOverrideOpensADayWithoutWeeklyHours() {
    Schedule schedule =
        withOverrides(
            aProviderOpenWeekdaysNineToFive(BERLIN),
            DateOverride.open(
                A_SUNDAY, TimeInterval.of("10:00", "12:00"), TimeInterval.of("15:00", "16:00")));

    assertThat(wallClockStarts(slotsOn(schedule, anHourLongService(), A_SUNDAY), BERLIN))
        .containsExactly("10:00", "11:00", "15:00");
  }

  @Test
  void anOverrideWithoutIntervalsClosesTheDay() {
    Schedule schedule =
        withOverrides(aProviderOpenWeekdaysNineToFive(BERLIN), DateOverride.closed(CHRISTMAS_DAY));

    assertThat(slotsOn(schedule, anHourLongService(), CHRISTMAS_DAY)).isEmpty();
  }

  @Test
  void anOverrideLeavesTheOtherDatesAlone() {
    Schedule schedule =
        withOverrides(aProviderOpenWeekdaysNineToFive(BERLIN), DateOverride.closed(CHRISTMAS_DAY));

    List<Slot> slots =
        slotsBetween(schedule, anHourLongService(), CHRISTMAS_EVE, CHRISTMAS_DAY.plusDays(3));

    assertThat(slots).hasSize(8 + 8); // Thursday and the next Monday
  }

  @Test
  void anOverrideDoesNotCutTheOvernightWindowOfThePreviousDay() {
    Schedule schedule =
        withOverrides(
            aProviderOpen(BERLIN, hours(FRIDAY, "22:00", "02:00")),
            DateOverride.closed(date("2026-12-26")));

    assertThat(wallClockStarts(slotsOn(schedule, anHourLongService(), date("2026-12-26")), BERLIN))
        .containsExactly("00:00", "01:00");
  }

  @Test
  void anOverridesOvernightIntervalBelongsToItsDateAndRunsIntoTheNext() {
    Schedule schedule =
        withOverrides(
            aProviderOpenWeekdaysNineToFive(BERLIN),
            DateOverride.open(A_SUNDAY, TimeInterval.of("23:00", "01:00")));

    assertThat(
            wallClockStarts(
                slotsBetween(schedule, anHourLongService(), A_SUNDAY, A_SUNDAY.plusDays(1)),
                BERLIN))
        .containsExactly(
            "23:00", "00:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00",
            "16:00");
  }

  private static Schedule withOverrides(Schedule schedule, DateOverride... overrides) {
    return new Schedule(schedule.zone(), schedule.weekly(), List.of(overrides));
  }
}
