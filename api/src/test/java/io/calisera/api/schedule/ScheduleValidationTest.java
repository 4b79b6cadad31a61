package io.calisera.api.schedule;

import static io.calisera.api.schedule.SlotFixtures.BERLIN;
import static io.calisera.api.schedule.SlotFixtures.date;
import static io.calisera.api.schedule.SlotFixtures.hours;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 1's constraints on a schedule, reported so that the bff can answer a clear 400. */
class ScheduleValidationTest {

  @Test
  void overlappingIntervalsOfOneWeekdayAreRejected() {
    InvalidScheduleException rejection =
        catchThrowableOfType(
            InvalidScheduleException.class,
            () -> weekly(hours(MONDAY, "09:00", "12:00"), hours(MONDAY, "11:00", "13:00")));

    assertThat(rejection.violations())
        .containsExactly(
            new Violation("weekly", "weekly MONDAY: 09:00-12:00 overlaps 11:00-13:00"));
    assertThat(rejection).hasMessage("weekly MONDAY: 09:00-12:00 overlaps 11:00-13:00");
  }

  @Test
  void anOvernightIntervalOverlapsALaterIntervalOfTheSameDay() {
    assertThatThrownBy(
            () -> weekly(hours(MONDAY, "22:00", "02:00"), hours(MONDAY, "23:00", "23:30")))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessage("weekly MONDAY: 22:00-02:00 overlaps 23:00-23:30");
  }

  @Test
  void anIntervalContainedInALongerOneIsReportedEvenWhenNotNextToIt() {
    assertThatThrownBy(
            () ->
                weekly(
                    hours(MONDAY, "08:00", "18:00"),
                    hours(MONDAY, "09:00", "10:00"),
                    hours(MONDAY, "11:00", "12:00")))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessage(
            "weekly MONDAY: 08:00-18:00 overlaps 09:00-10:00; "
                + "weekly MONDAY: 08:00-18:00 overlaps 11:00-12:00");
  }

  @Test
  void touchingIntervalsAndOverlapsAcrossDaysAreAllowed() {
    assertThatCode(
            () ->
                weekly(
                    hours(MONDAY, "09:00", "12:00"),
                    hours(MONDAY, "12:00", "24:00"),
                    hours(MONDAY, "00:00", "09:00"),
                    hours(TUESDAY, "00:00", "05:00")))
        .doesNotThrowAnyException();
  }

  @Test
  void overlappingIntervalsOfAnOverrideAreRejected() {
    assertThatThrownBy(
            () ->
                DateOverride.open(
                    date("2026-12-24"),
                    TimeInterval.of("09:00", "12:00"),
                    TimeInterval.of("11:00", "13:00")))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessage("overrides 2026-12-24: 09:00-12:00 overlaps 11:00-13:00");
  }

  @Test
  void twoOverridesForOneDateAreRejected() {
    InvalidScheduleException rejection =
        catchThrowableOfType(
            InvalidScheduleException.class,
            () ->
                new Schedule(
                    BERLIN,
                    List.of(),
                    List.of(
                        DateOverride.closed(date("2026-12-24")),
                        DateOverride.open(date("2026-12-24"), TimeInterval.of("09:00", "12:00")))));

    assertThat(rejection.violations())
        .containsExactly(
            new Violation("overrides", "overrides 2026-12-24: 2 overrides for one date"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    InvalidScheduleException rejection =
        catchThrowableOfType(
            InvalidScheduleException.class,
            () ->
                new Schedule(
                    BERLIN,
                    List.of(
                        hours(MONDAY, "09:00", "12:00"),
                        hours(MONDAY, "11:00", "13:00"),
                        hours(TUESDAY, "09:00", "12:00"),
                        hours(TUESDAY, "09:00", "12:00")),
                    List.of(
                        DateOverride.closed(date("2026-12-24")),
                        DateOverride.closed(date("2026-12-24")))));

    assertThat(rejection.violations())
        .extracting(Violation::field)
        .containsExactly("weekly", "weekly", "overrides");
  }

  @Test
  void intervalTimesAreWholeMinutes() {
    assertThatThrownBy(() -> new TimeInterval(LocalTime.of(9, 0, 30), LocalTime.of(10, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("start must be a whole minute, was 09:00:30");
  }

  @Test
  void theWireTime2400IsTheNextMidnight() {
    TimeInterval untilMidnight = TimeInterval.of("09:00", "24:00");

    assertThat(untilMidnight.end()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(untilMidnight.runsOvernight()).isTrue();
    assertThat(untilMidnight.endMinute()).isEqualTo(24 * 60);
    assertThat(untilMidnight).hasToString("09:00-24:00");
    assertThat(TimeInterval.of("22:00", "02:00")).hasToString("22:00-02:00");
    assertThat(TimeInterval.of("00:00", "24:00").endMinute()).isEqualTo(24 * 60);
  }

  @Test
  void aMalformedWireTimeNamesItsField() {
    assertThatThrownBy(() -> TimeInterval.of("09:00", "25:00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("end must be a time HH:mm, was \"25:00\"");
  }

  @Test
  void missingPartsAreNamed() {
    assertThatThrownBy(() -> Schedule.weekly(null, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("zone must not be null");
    assertThatThrownBy(
            () -> Schedule.weekly(BERLIN, Arrays.asList(hours(MONDAY, "09:00", "10:00"), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weekly[1] must not be null");
  }

  @Test
  void schedulesWithTheSameContentAreEqualWhateverTheOrder() {
    Schedule one =
        new Schedule(
            BERLIN,
            List.of(
                hours(TUESDAY, "09:00", "12:00"),
                hours(MONDAY, "13:00", "17:00"),
                hours(MONDAY, "09:00", "12:00")),
            List.of(
                DateOverride.closed(date("2026-12-25")), DateOverride.closed(date("2026-12-24"))));
    Schedule other =
        new Schedule(
            BERLIN,
            List.of(
                hours(MONDAY, "09:00", "12:00"),
                hours(MONDAY, "13:00", "17:00"),
                hours(TUESDAY, "09:00", "12:00")),
            List.of(
                DateOverride.closed(date("2026-12-24")), DateOverride.closed(date("2026-12-25"))));

    assertThat(one).isEqualTo(other);
    assertThat(one.intervalsOn(date("2026-12-21")))
        .containsExactly(TimeInterval.of("09:00", "12:00"), TimeInterval.of("13:00", "17:00"));
    assertThat(one.intervalsOn(date("2026-12-24"))).isEmpty();
  }

  private static Schedule weekly(WeeklyHours... hours) {
    return Schedule.weekly(BERLIN, List.of(hours));
  }
}
