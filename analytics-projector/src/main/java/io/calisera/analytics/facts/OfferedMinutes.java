package io.calisera.analytics.facts;

import io.calisera.api.schedule.InstantRange;
import io.calisera.api.schedule.Schedule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The minutes a provider offered on a local date: the windows of rule 1 that belong to the date
 * under the schedule in force that day ({@link Schedule#windowsOn}), counted once where they
 * overlap each other, less what the previous date's windows (an overnight one, under the schedule
 * in force that day) already offered. Summed over dates, that is the time offered, each minute
 * once.
 */
public final class OfferedMinutes {

  private OfferedMinutes() {}

  /** {@code versions} in {@link ScheduleVersion#ORDER}. */
  public static long on(List<ScheduleVersion> versions, LocalDate date) {
    Schedule schedule = ScheduleVersion.inForce(versions, date);
    if (schedule == null) {
      return 0;
    }
    List<long[]> day = merged(schedule.windowsOn(date));
    if (day.isEmpty()) {
      return 0;
    }
    Schedule dayBefore = ScheduleVersion.inForce(versions, date.minusDays(1));
    List<long[]> before =
        dayBefore == null ? List.of() : merged(dayBefore.windowsOn(date.minusDays(1)));
    long seconds = 0;
    for (long[] window : day) {
      seconds += window[1] - window[0];
      for (long[] earlier : before) {
        long overlap = Math.min(window[1], earlier[1]) - Math.max(window[0], earlier[0]);
        if (overlap > 0) {
          seconds -= overlap;
        }
      }
    }
    return seconds / 60;
  }

  /** The windows as disjoint, sorted {@code [start, end)} epoch-second pairs. */
  private static List<long[]> merged(List<InstantRange> windows) {
    List<long[]> sorted = new ArrayList<>();
    for (InstantRange window : windows) {
      sorted.add(
          new long[] {window.start().getEpochSecond(), window.endExclusive().getEpochSecond()});
    }
    sorted.sort(Comparator.comparingLong(w -> w[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] window : sorted) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && window[0] <= last[1]) {
        last[1] = Math.max(last[1], window[1]);
      } else {
        merged.add(window.clone());
      }
    }
    return merged;
  }
}
