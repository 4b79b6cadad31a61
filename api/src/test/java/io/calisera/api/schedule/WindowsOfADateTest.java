package io.calisera.api.schedule;

import static io.calisera.api.schedule.SlotFixtures.BERLIN;
import static io.calisera.api.schedule.SlotFixtures.date;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 1 for one local date: the windows that belong to it, as real elapsed time. */
class WindowsOfADateTest {

  @Test
  void aWeekdaysHoursAreItsWindowsInTheProvidersZone() {
    Schedule schedule =
        Schedule.weekly(
            BERLIN,
            List.of(
                WeeklyHours.of(MONDAY, "09:00", "12:00"),
                WeeklyHours.of(MONDAY, "13:00", "17:00")));

    assertThat(schedule.windowsOn(date("2026-03-23")))
        .containsExactly(
            range("2026-03-23T08:00:00Z", "2026-03-23T11:00:00Z"),
            range("2026-03-23T12:00:00Z", "2026-03-23T16:00:00Z"));
    assertThat(schedule.windowsOn(date("2026-03-24"))).isEmpty();
  }

  @Test
  void anOvernightWindowBelongsToTheDateItStartsOn() {
    Schedule schedule = Schedule.weekly(BERLIN, List.of(WeeklyHours.of(MONDAY, "22:00", "02:00")));

    assertThat(schedule.windowsOn(date("2026-03-23")))
        .containsExactly(range("2026-03-23T21:00:00Z", "2026-03-24T01:00:00Z"));
  }

  @Test
  void anOverrideReplacesTheWeekdayAndAnEmptyOneClosesTheDate() {
    LocalDate monday = date("2026-03-23");
    Schedule schedule =
        new Schedule(
            BERLIN,
            List.of(WeeklyHours.of(MONDAY, "09:00", "17:00")),
            List.of(
                DateOverride.open(monday, TimeInterval.of("10:00", "11:00")),
                DateOverride.closed(monday.plusWeeks(1))));

    assertThat(schedule.windowsOn(monday))
        .containsExactly(range("2026-03-23T09:00:00Z", "2026-03-23T10:00:00Z"));
    assertThat(schedule.windowsOn(monday.plusWeeks(1))).isEmpty();
  }

  @Test
  void theDaysTheClocksChangeHoldTheirElapsedTime() {
    Schedule schedule = Schedule.weekly(BERLIN, List.of(WeeklyHours.of(SUNDAY, "00:00", "24:00")));

    assertThat(length(schedule.windowsOn(date("2026-03-29")))).isEqualTo(Duration.ofHours(23));
    assertThat(length(schedule.windowsOn(date("2026-10-25")))).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void anIntervalThatTheMissingHourSwallowsIsNoWindow() {
    // 02:30 moves forward to 03:30, after the end at 03:00
    Schedule schedule = Schedule.weekly(BERLIN, List.of(WeeklyHours.of(SUNDAY, "02:30", "03:00")));

    assertThat(schedule.windowsOn(date("2026-03-29"))).isEmpty();
    assertThat(schedule.windowsOn(date("2026-03-22")))
        .containsExactly(range("2026-03-22T01:30:00Z", "2026-03-22T02:00:00Z"));
  }

  private static Duration length(List<InstantRange> windows) {
    return windows.stream()
        .map(w -> Duration.between(w.start(), w.endExclusive()))
        .reduce(Duration.ZERO, Duration::plus);
  }

  private static InstantRange range(String start, String end) {
    return new InstantRange(Instant.parse(start), Instant.parse(end));
  }
}
