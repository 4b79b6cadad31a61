package io.calisera.bff.insights;

import io.calisera.api.insights.InsightFigures;
import io.calisera.api.insights.ProviderInsights;
import java.time.LocalDate;
import java.util.List;

/**
 * The contract's insights (docs/api.md, "Insights"): the figures of {@code [from, to]} and, in
 * {@code previous}, the same figures of the range of equal length just before (without a {@code
 * previous} of their own).
 */
record InsightsResponse(
    LocalDate from,
    LocalDate to,
    String timeZone,
    long bookings,
    long cancellations,
    long reschedules,
    long noShows,
    double cancellationRate,
    long bookedMinutes,
    long availableMinutes,
    double utilization,
    double leadTimeHoursMedian,
    List<ServiceEntry> byService,
    List<DayEntry> byDay,
    List<HourEntry> byHourOfDay,
    InsightsResponse previous) {

  record ServiceEntry(String serviceId, String name, long bookings, long bookedMinutes) {}

  record DayEntry(
      LocalDate date,
      long bookings,
      long cancellations,
      long bookedMinutes,
      long availableMinutes) {}

  record HourEntry(int hour, long bookings) {}

  static InsightsResponse of(ProviderInsights insights) {
    String zone = insights.timeZone().getId();
    return of(insights.current(), zone, of(insights.previous(), zone, null));
  }

  private static InsightsResponse of(
      InsightFigures figures, String zone, InsightsResponse previous) {
    return new InsightsResponse(
        figures.from(),
        figures.to(),
        zone,
        figures.bookings(),
        figures.cancellations(),
        figures.reschedules(),
        figures.noShows(),
        figures.cancellationRate(),
        figures.bookedMinutes(),
        figures.availableMinutes(),
        figures.utilization(),
        figures.leadTimeHoursMedian(),
        figures.byService().stream()
            .map(s -> new ServiceEntry(s.serviceId(), s.name(), s.bookings(), s.bookedMinutes()))
            .toList(),
        figures.byDay().stream()
            .map(
                d ->
                    new DayEntry(
                        d.date(),
                        d.bookings(),
                        d.cancellations(),
                        d.bookedMinutes(),
                        d.availableMinutes()))
            .toList(),
        figures.byHourOfDay().stream().map(h -> new HourEntry(h.hour(), h.bookings())).toList(),
        previous);
  }
}
