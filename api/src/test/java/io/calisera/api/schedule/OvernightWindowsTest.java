package io.calisera.api.schedule;

import static io.calisera.api.schedule.SlotFixtures.BERLIN;
import static io.calisera.api.schedule.SlotFixtures.UTC;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpen;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpenEveryDay;
import static io.calisera.api.schedule.SlotFixtures.anHourLongService;
import static io.calisera.api.schedule.SlotFixtures.at;
import static io.calisera.api.schedule.SlotFixtures.date;
import static io.calisera.api.schedule.SlotFixtures.hours;
import static io.calisera.api.schedule.SlotFixtures.slotsOn;
import static io.calisera.api.schedule.SlotFixtures.wallClock;
import static io.calisera.api.schedule.SlotFixtures.wallClockStarts;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 1 and 2 around midnight: overnight windows, and windows that merge across it. */
class OvernightWindowsTest {

  private static final LocalDate A_FRIDAY = date("2026-03-06");
  private static final LocalDate A_MONDAY = date("2026-03-02");

  @Test
  void anOvernightWindowRunsIntoTheNextDay() {
    Schedule schedule = aProviderOpen(BERLIN, hours(FRIDAY, "22:00", "02:00"));

    List<Slot> slots =
        SlotFixtures.slotsBetween(schedule, anHourLongService(), A_FRIDAY, A_FRIDAY.plusDays(1));

    assertThat(wallClock(slots, BERLIN))
        .containsExactly("22:00-23:00", "23:00-00:00", "00:00-01:00", "01:00-02:00");
    assertThat(slots.get(3))
        .isEqualTo(new Slot(at("2026-03-07T01:00+01:00"), at("2026-03-07T02:00+01:00")));
  }

  @Test
  void theOvernightWindowOfTheDayBeforeReachesIntoTheRange() {
    Schedule schedule = aProviderOpen(BERLIN, hours(FRIDAY, "22:00", "02:00"));

    List<Slot> saturday = slotsOn(schedule, anHourLongService(), A_FRIDAY.plusDays(1));

    assertThat(wallClockStarts(saturday, BERLIN)).containsExactly("00:00", "01:00");
  }

  @Test
  void aWindowEndingAt2400EndsAtTheNextMidnight() {
    Schedule schedule = aProviderOpen(BERLIN, hours(MONDAY, "20:00", "24:00"));

    List<Slot> slots = slotsOn(schedule, anHourLongService(), A_MONDAY);

    assertThat(wallClock(slots, BERLIN))
        .containsExactly("20:00-21:00", "21:00-22:00", "22:00-23:00", "23:00-00:00");
  }

  @Test
  void slotsRunAcrossTwoTouchingWindows() {
    Schedule schedule =
        aProviderOpen(BERLIN, hours(MONDAY, "20:00", "24:00"), hours(TUESDAY, "00:00", "02:00"));

    List<Slot> slots =
        SlotFixtures.slotsBetween(
            schedule, anHourLongService().withSlotInterval(30), A_MONDAY, A_MONDAY.plusDays(1));

    assertThat(wallClock(slots, BERLIN))
        .contains("23:00-00:00", "23:30-00:30", "00:00-01:00", "01:00-02:00")
        .doesNotContain("01:30-02:30");
    assertThat(slots)
        .contains(new Slot(at("2026-03-02T23:30+01:00"), at("2026-03-03T00:30+01:00")));
  }

  @Test
  void withoutATouchingWindowASlotCannotRunPastMidnight() {
    Schedule schedule =
        aProviderOpen(BERLIN, hours(MONDAY, "20:00", "24:00"), hours(TUESDAY, "00:30", "02:00"));

    List<Slot> slots = slotsOn(schedule, anHourLongService().withSlotInterval(30), A_MONDAY);

    assertThat(wallClockStarts(slots, BERLIN)).last().isEqualTo("23:00");
  }

  @Test
  void touchingWindowsOfOneDayMergeButKeepTheirOwnGrids() {
    Schedule schedule =
        aProviderOpen(BERLIN, hours(MONDAY, "09:00", "12:00"), hours(MONDAY, "12:00", "15:00"));

    List<Slot> slots = slotsOn(schedule, anHourLongService().withSlotInterval(45), A_MONDAY);

    assertThat(wallClockStarts(slots, BERLIN))
        .containsExactly("09:00", "09:45", "10:30", "11:15", "12:00", "12:45", "13:30");
  }

  @Test
  void aProviderOpenAroundTheClockOffersSlotsAcrossEveryMidnight() {
    Schedule schedule = aProviderOpenEveryDay(UTC, "00:00", "24:00");

    List<Slot> slots =
        slotsOn(schedule, SlotSettings.withDefaults(120).withSlotInterval(60), A_MONDAY);

    assertThat(slots).hasSize(24);
    assertThat(slots.get(23)).isEqualTo(new Slot(at("2026-03-02T23:00Z"), at("2026-03-03T01:00Z")));
  }
}
