package io.calisera.analytics.facts;

import static io.calisera.analytics.support.Events.BERLIN;
import static io.calisera.analytics.support.Events.hours;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.schedule.Schedule;
import io.calisera.api.schedule.WeeklyHours;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferedMinutesTest {

  private static final LocalDate MONDAY_23_MARCH = LocalDate.parse("2026-03-23");

  @Test
  void nothingIsOfferedBeforeTheFirstSchedule() {
    List<ScheduleVersion> versions = versions(MONDAY_23_MARCH, hours(MONDAY, "09:00", "17:00"));

    assertThat(OfferedMinutes.on(versions, MONDAY_23_MARCH.minusWeeks(1))).isZero();
    assertThat(OfferedMinutes.on(versions, MONDAY_23_MARCH)).isEqualTo(480);
  }

  @Test
  void anOvernightWindowCountsOnItsOwnDateAndTheNextDateCountsOnlyWhatItAdds() {
    // Monday 22:00-02:00 and Tuesday 01:00-05:00 overlap from 01:00 to 02:00
    List<ScheduleVersion> versions =
        versions(
            MONDAY_23_MARCH.minusWeeks(1),
            hours(MONDAY, "22:00", "02:00"),
            hours(TUESDAY, "01:00", "05:00"));

    assertThat(OfferedMinutes.on(versions, MONDAY_23_MARCH)).isEqualTo(240);
    assertThat(OfferedMinutes.on(versions, MONDAY_23_MARCH.plusDays(1))).isEqualTo(180);
  }

  @Test
  void theNightTheClocksGoBackHoldsAnHourMore() {
    // Saturday 24 October 22:00 to Sunday 06:00 across the fall-back: 9 elapsed hours
    List<ScheduleVersion> versions =
        versions(LocalDate.parse("2026-10-01"), hours(SATURDAY, "22:00", "06:00"));

    assertThat(OfferedMinutes.on(versions, LocalDate.parse("2026-10-24"))).isEqualTo(9 * 60);
    assertThat(OfferedMinutes.on(versions, LocalDate.parse("2026-10-17"))).isEqualTo(8 * 60);
  }

  @Test
  void aDayCountsWithTheScheduleSetLastOnOrBeforeIt() {
    LocalDate sunday = LocalDate.parse("2026-03-29");
    Schedule first = Schedule.weekly(BERLIN, List.of(hours(SUNDAY, "01:00", "04:00")));
    Schedule second = Schedule.weekly(BERLIN, List.of(hours(SUNDAY, "10:00", "11:00")));
    List<ScheduleVersion> versions =
        List.of(
            new ScheduleVersion(sunday.minusWeeks(2), 1, first, Instant.EPOCH),
            new ScheduleVersion(sunday, 7, second, Instant.EPOCH));

    assertThat(OfferedMinutes.on(versions, sunday.minusWeeks(1))).isEqualTo(180);
    assertThat(OfferedMinutes.on(versions, sunday)).isEqualTo(60);
  }

  private static List<ScheduleVersion> versions(LocalDate from, WeeklyHours... hours) {
    return List.of(
        new ScheduleVersion(from, 1, Schedule.weekly(BERLIN, List.of(hours)), Instant.EPOCH));
  }
}
