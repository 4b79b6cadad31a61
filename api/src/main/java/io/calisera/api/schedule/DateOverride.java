package io.calisera.api.schedule;

import io.calisera.api.common.Require;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hours of one local date that replace the weekly hours of that date entirely; no intervals
 * means closed that day. An overnight weekly window that started the day before is not cut by it.
 * The intervals are kept sorted by start.
 */
public record DateOverride(LocalDate date, List<TimeInterval> intervals) {

  public DateOverride {
    Require.notNull(date, "date");
    intervals = Require.noNullElements(intervals, "intervals");
    List<String> overlaps = DayIntervals.overlaps(intervals);
    if (!overlaps.isEmpty()) {
      throw new InvalidScheduleException(
          overlaps.stream()
              .map(overlap -> new Violation("overrides", "overrides " + date + ": " + overlap))
              .toList());
    }
    List<TimeInterval> sorted = new ArrayList<>(intervals);
    sorted.sort(DayIntervals.BY_START);
    intervals = List.copyOf(sorted);
  }

  public static DateOverride open(LocalDate date, TimeInterval... intervals) {
    return new DateOverride(date, Arrays.asList(intervals));
  }

  public static DateOverride closed(LocalDate date) {
    return new DateOverride(date, List.of());
  }

  public boolean isClosed() {
    return intervals.isEmpty();
  }
}
