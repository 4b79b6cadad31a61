package io.calisera.analytics.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.analytics.support.AnalyticsTest;
import io.calisera.analytics.support.History;
import io.calisera.analytics.support.KnownHistory;
import io.calisera.api.insights.InsightFigures;
import io.calisera.api.insights.InsightFigures.DayFigures;
import io.calisera.api.insights.InsightFigures.HourFigures;
import io.calisera.api.insights.InsightFigures.ServiceFigures;
import io.calisera.api.insights.ProviderInsights;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Every figure of the {@link KnownHistory}, exactly, worked out by hand from its events. */
@AnalyticsTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsFiguresTest {

  @Autowired History history;
  final KnownHistory known = new KnownHistory();
  ProviderInsights insights;

  @BeforeAll
  void projectTheKnownHistory() {
    history.publish(known.events().toArray());
    insights =
        history.insights(
            known.providerId, KnownHistory.FROM.toString(), KnownHistory.TO.toString());
  }

  @Test
  void theFiguresAreByTheProvidersLocalDates() {
    assertThat(insights.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(insights.current().from()).isEqualTo(KnownHistory.FROM);
    assertThat(insights.current().to()).isEqualTo(KnownHistory.TO);
  }

  @Test
  void bookingsCountWhateverBecameOfThemAndBookedMinutesOnlyThoseLiveOrCompleted() {
    InsightFigures range = insights.current();

    // b1 completed, b2 cancelled, b3 confirmed (the DST day), b4 moved in, b5 no-show,
    // b6 declined, b7 confirmed; b8 moved out of the range
    assertThat(range.bookings()).isEqualTo(7);
    assertThat(range.cancellations()).isEqualTo(1);
    assertThat(range.noShows()).isEqualTo(1);
    assertThat(range.reschedules()).isEqualTo(1);
    assertThat(range.cancellationRate()).isEqualTo(1.0 / 7);
    // b1 30 + b3 30 + b4 90 + b7 30
    assertThat(range.bookedMinutes()).isEqualTo(180);
  }

  @Test
  void availableMinutesFollowTheScheduleInForceEachDayAcrossTheClockChange() {
    InsightFigures range = insights.current();

    // weekdays 23-27 and 30 March: 6 x 480; Sunday 29 March: 01:00-04:00 is 2 hours;
    // from 31 March (set that day) 240 a weekday, Good Friday closed, no Sundays
    assertThat(range.availableMinutes()).isEqualTo(6 * 480 + 120 + 3 * 240);
    assertThat(range.utilization()).isEqualTo(180.0 / 3720);
  }

  @Test
  void theMedianLeadTimeIsInElapsedHours() {
    // b5 6, b6 49, b3 71 (3 local days across the jump), b1 72, b7 72, b2 240, b4 310
    assertThat(insights.current().leadTimeHoursMedian()).isEqualTo(72.0);
  }

  @Test
  void everyDayOfTheRangeHasItsEntry() {
    assertThat(insights.current().byDay())
        .containsExactlyElementsOf(
            days(
                "2026-03-23",
                new long[][] {
                  {1, 0, 30, 480}, // b1 completed
                  {1, 1, 0, 480}, // b2 cancelled
                  {1, 0, 0, 480}, // b5 no-show
                  {0, 0, 0, 480}, // b8 moved away from here
                  {0, 0, 0, 480}, // b4 moved away from here
                  {0, 0, 0, 0},
                  {1, 0, 30, 120}, // b3 on the day of the clock change
                  {1, 0, 30, 480}, // b7
                  {0, 0, 0, 240}, // the new schedule from its day on
                  {1, 0, 0, 240}, // b6 declined
                  {1, 0, 90, 240}, // b4 moved here
                  {0, 0, 0, 0}, // Good Friday closed
                  {0, 0, 0, 0},
                  {0, 0, 0, 0}
                }));
  }

  @Test
  void servicesAreTheOnesBookedOrActiveMostBookedFirst() {
    assertThat(insights.current().byService())
        .containsExactly(
            new ServiceFigures(known.haircut, "Haircut", 5, 90),
            new ServiceFigures(known.coloring, "Coloring", 2, 90),
            new ServiceFigures(known.beard, "Beard trim", 0, 0));
  }

  @Test
  void hoursOfTheDayAreLocalHoursOfTheStart() {
    assertThat(insights.current().byHourOfDay())
        .containsExactlyElementsOf(hours(Map.of(3, 1L, 9, 1L, 10, 2L, 11, 1L, 15, 1L, 16, 1L)));
  }

  @Test
  void thePreviousRangeHasTheSameLengthJustBefore() {
    InsightFigures previous = insights.previous();

    assertThat(previous.from()).isEqualTo(LocalDate.parse("2026-03-09"));
    assertThat(previous.to()).isEqualTo(LocalDate.parse("2026-03-22"));
    // b8 (moved in), b9 cancelled, b10 completed
    assertThat(previous.bookings()).isEqualTo(3);
    assertThat(previous.cancellations()).isEqualTo(1);
    assertThat(previous.reschedules()).isEqualTo(1);
    assertThat(previous.noShows()).isZero();
    assertThat(previous.cancellationRate()).isEqualTo(1.0 / 3);
    assertThat(previous.bookedMinutes()).isEqualTo(60);
    // 10 weekdays and two Sundays of three hours
    assertThat(previous.availableMinutes()).isEqualTo(10 * 480 + 2 * 180);
    assertThat(previous.utilization()).isEqualTo(60.0 / 5160);
    // b10 55.5, b9 169, b8 216
    assertThat(previous.leadTimeHoursMedian()).isEqualTo(169.0);
    assertThat(previous.byService())
        .containsExactly(
            new ServiceFigures(known.haircut, "Haircut", 2, 60),
            new ServiceFigures(known.coloring, "Coloring", 1, 0),
            new ServiceFigures(known.beard, "Beard trim", 0, 0));
    assertThat(previous.byHourOfDay())
        .containsExactlyElementsOf(hours(Map.of(9, 1L, 10, 1L, 16, 1L)));
    assertThat(previous.byDay().get(4)).isEqualTo(day("2026-03-13", 1, 0, 30, 480));
    assertThat(previous.byDay().get(6)).isEqualTo(day("2026-03-15", 0, 0, 0, 180));
    assertThat(previous.byDay().get(7)).isEqualTo(day("2026-03-16", 1, 1, 0, 480));
    assertThat(previous.byDay().get(10)).isEqualTo(day("2026-03-19", 1, 0, 30, 480));
  }

  @Test
  void daysBeyondTheProjectedOnesOfferWhatTheLatestScheduleOffers() {
    // two years and more after the last event: no day rows, the latest schedule
    ProviderInsights later = history.insights(known.providerId, "2028-06-05", "2028-06-11");

    assertThat(later.current().availableMinutes()).isEqualTo(5 * 240);
    assertThat(later.current().bookings()).isZero();
    assertThat(later.current().leadTimeHoursMedian()).isZero();
    assertThat(later.current().cancellationRate()).isZero();
  }

  @Test
  void daysBeforeTheProviderExistedOfferedNothing() {
    ProviderInsights before = history.insights(known.providerId, "2026-02-01", "2026-02-28");

    assertThat(before.current().availableMinutes()).isZero();
    assertThat(before.current().utilization()).isZero();
    assertThat(before.current().byDay()).hasSize(28);
  }

  static List<DayFigures> days(String first, long[][] figures) {
    List<DayFigures> days = new ArrayList<>();
    LocalDate date = LocalDate.parse(first);
    for (long[] f : figures) {
      days.add(new DayFigures(date, f[0], f[1], f[2], f[3]));
      date = date.plusDays(1);
    }
    return days;
  }

  static DayFigures day(String date, long bookings, long cancellations, long booked, long offered) {
    return new DayFigures(LocalDate.parse(date), bookings, cancellations, booked, offered);
  }

  static List<HourFigures> hours(Map<Integer, Long> bookings) {
    List<HourFigures> hours = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      hours.add(new HourFigures(hour, bookings.getOrDefault(hour, 0L)));
    }
    return hours;
  }
}
