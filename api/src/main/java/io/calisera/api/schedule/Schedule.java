package io.calisera.api.schedule;

import io.calisera.api.common.Require;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's availability: weekly hours and date overrides, both wall-clock times in {@code
 * zone}.
 *
 * <p>Valid by construction: intervals of one weekday (or of one override) do not overlap, and each
 * date has at most one override; otherwise {@link InvalidScheduleException} lists every problem.
 * Stored in a canonical order (weekly by day and start, overrides by date) so that two schedules
 * with the same content are equal.
 */
public record Schedule(ZoneId zone, List<WeeklyHours> weekly, List<DateOverride> overrides) {

  private static final Comparator<WeeklyHours> WEEKLY_ORDER =
      Comparator.comparing(WeeklyHours::day)
          .thenComparing(WeeklyHours::interval, DayIntervals.BY_START);

  public Schedule {
    Require.notNull(zone, "zone");
    weekly = Require.noNullElements(weekly, "weekly");
    overrides = Require.noNullElements(overrides, "overrides");

    List<Violation> violations = new ArrayList<>();
    weeklyByDay(weekly)
        .forEach(
            (day, intervals) ->
                DayIntervals.overlaps(intervals)
                    .forEach(
                        overlap ->
                            violations.add(
                                new Violation("weekly", "weekly " + day + ": " + overlap))));
    Map<LocalDate, Integer> overridesPerDate = new LinkedHashMap<>();
    overrides.forEach(o -> overridesPerDate.merge(o.date(), 1, Integer::sum));
    overridesPerDate.forEach(
        (date, count) -> {
          if (count > 1) {
            violations.add(
                new Violation(
                    "overrides", "overrides " + date + ": " + count + " overrides for one date"));
          }
        });
    if (!violations.isEmpty()) {
      throw new InvalidScheduleException(violations);
    }

    weekly = weekly.stream().sorted(WEEKLY_ORDER).toList();
    overrides = overrides.stream().sorted(Comparator.comparing(DateOverride::date)).toList();
  }

  /** Only weekly hours, no overrides. */
  public static Schedule weekly(ZoneId zone, List<WeeklyHours> weekly) {
    return new Schedule(zone, weekly, List.of());
  }

  /** The override of {@code date}, if there is one. */
  public Optional<DateOverride> overrideOn(LocalDate date) {
    int low = 0;
    int high = overrides.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int order = overrides.get(mid).date().compareTo(date);
      if (order < 0) {
        low = mid + 1;
      } else if (order > 0) {
        high = mid - 1;
      } else {
        return Optional.of(overrides.get(mid));
      }
    }
    return Optional.empty();
  }

  /**
   * The intervals that belong to local date {@code date}: its override's, or else its weekday's.
   */
  public List<TimeInterval> intervalsOn(LocalDate date) {
    return intervalsOn(date, weeklyByDay(weekly));
  }

  List<TimeInterval> intervalsOn(LocalDate date, Map<DayOfWeek, List<TimeInterval>> weeklyByDay) {
    return overrideOn(date)
        .map(DateOverride::intervals)
        .orElseGet(() -> weeklyByDay.getOrDefault(date.getDayOfWeek(), List.of()));
  }

  /**
   * The windows of rule 1 that belong to local date {@code date}, as instants, in the order of
   * their intervals: each interval of the date (its override's, or else its weekday's) from {@code
   * date} at its start to its end, on the next date when it runs over midnight. Local times become
   * instants as {@code java.time} does by default (a time in a spring-forward gap moves forward by
   * the gap, an ambiguous one takes the earlier offset), so a window is real elapsed time; an
   * interval that a gap leaves empty is no window.
   */
  public List<InstantRange> windowsOn(LocalDate date) {
    List<InstantRange> windows = new ArrayList<>();
    windowsOn(
        date,
        weeklyByDay(),
        (start, end) ->
            windows.add(
                new InstantRange(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end))));
    return windows;
  }

  /** Receives windows as epoch seconds {@code [start, end)}. */
  interface WindowSink {
    void accept(long start, long end);
  }

  /** {@link #windowsOn(LocalDate)} without allocating, for callers that look up many dates. */
  void windowsOn(
      LocalDate date, Map<DayOfWeek, List<TimeInterval>> weeklyByDay, WindowSink windows) {
    for (TimeInterval interval : intervalsOn(date, weeklyByDay)) {
      LocalDate endDate = interval.runsOvernight() ? date.plusDays(1) : date;
      long start = date.atTime(interval.start()).atZone(zone).toEpochSecond();
      long end = endDate.atTime(interval.end()).atZone(zone).toEpochSecond();
      // An interval inside a spring-forward gap can come out empty or even reversed.
      if (end > start) {
        windows.accept(start, end);
      }
    }
  }

  /** The weekly intervals grouped by day, for callers that look up many dates. */
  Map<DayOfWeek, List<TimeInterval>> weeklyByDay() {
    return weeklyByDay(weekly);
  }

  private static Map<DayOfWeek, List<TimeInterval>> weeklyByDay(List<WeeklyHours> weekly) {
    Map<DayOfWeek, List<TimeInterval>> byDay = new EnumMap<>(DayOfWeek.class);
    for (WeeklyHours hours : weekly) {
      byDay.computeIfAbsent(hours.day(), day -> new ArrayList<>()).add(hours.interval());
    }
    return byDay;
  }
}
