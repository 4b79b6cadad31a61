package io.calisera.api.insights;

import io.calisera.api.common.Require;
import java.time.LocalDate;
import java.util.List;

/**
 * A provider's figures for the local dates {@code [from, to]} of its zone (docs/api.md,
 * "Insights"). The bookings counted are those whose start lies in the range, whatever became of
 * them.
 *
 * @param bookings bookings whose start lies in the range
 * @param cancellations those of them cancelled
 * @param reschedules how often those bookings were moved
 * @param noShows those of them marked as no-shows
 * @param cancellationRate {@code cancellations / bookings}, 0 without bookings
 * @param bookedMinutes the durations of those still live (pending, confirmed) or completed
 * @param availableMinutes the minutes of the windows of the schedule in force on each date
 * @param utilization {@code bookedMinutes / availableMinutes}, 0 when nothing was available
 * @param leadTimeHoursMedian the median of (start - placed) in hours, 0 without bookings
 * @param byService per service of the provider that had bookings in the range or is active
 * @param byDay one entry per local date of the range, in order
 * @param byHourOfDay 24 entries, by the local hour of the start
 */
public record InsightFigures(
    LocalDate from,
    LocalDate to,
    long bookings,
    long cancellations,
    long reschedules,
    long noShows,
    double cancellationRate,
    long bookedMinutes,
    long availableMinutes,
    double utilization,
    double leadTimeHoursMedian,
    List<ServiceFigures> byService,
    List<DayFigures> byDay,
    List<HourFigures> byHourOfDay) {

  public InsightFigures {
    Require.notNull(from, "from");
    Require.notNull(to, "to");
    byService = Require.noNullElements(byService, "byService");
    byDay = Require.noNullElements(byDay, "byDay");
    byHourOfDay = Require.noNullElements(byHourOfDay, "byHourOfDay");
  }

  /** A service's bookings in the range and the minutes they still occupy or took. */
  public record ServiceFigures(String serviceId, String name, long bookings, long bookedMinutes) {}

  /** One local date. */
  public record DayFigures(
      LocalDate date,
      long bookings,
      long cancellations,
      long bookedMinutes,
      long availableMinutes) {}

  /** Bookings starting in one local hour of the day (0 to 23). */
  public record HourFigures(int hour, long bookings) {}
}
