package io.calisera.api.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rule that the intervals of one day may not overlap each other. */
final class DayIntervals {

  static final Comparator<TimeInterval> BY_START =
      Comparator.comparingInt(TimeInterval::startMinute).thenComparingInt(TimeInterval::endMinute);

  private DayIntervals() {}

  /**
   * One message per interval that overlaps an earlier one of the same day, e.g. {@code 09:00-12:00
   * overlaps 11:00-13:00}. Minute ranges on that day; an overnight interval extends past 24:00 and
   * so can only collide with later ones of the same day.
   */
  static List<String> overlaps(List<TimeInterval> intervals) {
    List<TimeInterval> sorted = new ArrayList<>(intervals);
    sorted.sort(BY_START);
    List<String> problems = new ArrayList<>();
    TimeInterval reachesFurthest = null;
    // Sorted by start, an interval overlaps some earlier one iff it overlaps the one reaching
    // furthest: linear, so a huge request cannot make validation quadratic.
    for (TimeInterval interval : sorted) {
      if (reachesFurthest != null && reachesFurthest.overlaps(interval)) {
        problems.add(reachesFurthest + " overlaps " + interval);
      }
      if (reachesFurthest == null || interval.endMinute() > reachesFurthest.endMinute()) {
        reachesFurthest = interval;
      }
    }
    return problems;
  }
}
