package io.calisera.api.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The windows of rule 1 that lie near some span of time, as epoch seconds, each with the end of the
 * merged window it belongs to.
 *
 * <p>Epoch seconds are exact here: wall-clock times are whole minutes and zone offsets whole
 * seconds, so every window edge and grid point is a whole second.
 */
final class Windows {

  private record Window(long start, long end) {}

  private final long[] starts;
  private final long[] ends;
  private final long[] mergedEnds;

  private Windows(List<Window> windows) {
    windows.sort(Comparator.comparingLong(Window::start));
    int count = windows.size();
    starts = new long[count];
    ends = new long[count];
    mergedEnds = new long[count];
    for (int i = 0; i < count; i++) {
      starts[i] = windows.get(i).start();
      ends[i] = windows.get(i).end();
    }
    int first = 0;
    while (first < count) {
      long mergedEnd = ends[first];
      int next = first + 1;
      // Touching counts: [20:00, 24:00) and [00:00, 02:00) form one merged window.
      while (next < count && starts[next] <= mergedEnd) {
        mergedEnd = Math.max(mergedEnd, ends[next]);
        next++;
      }
      Arrays.fill(mergedEnds, first, next, mergedEnd);
      first = next;
    }
  }

  /**
   * At least every window that intersects {@code [from, to]}, so that merging them gives the right
   * merged window wherever a slot starting or ending in that span needs it.
   */
  static Windows around(Schedule schedule, long from, long to) {
    ZoneId zone = schedule.zone();
    // A window of date D ends at the latest at D+1 at its start time, which a DST gap can push
    // into the small hours of D+2; so a window reaching `from` belongs to from's date - 2 or later.
    LocalDate firstDate = LocalDate.ofInstant(Instant.ofEpochSecond(from), zone).minusDays(2);
    // A window of date D starts no earlier than D's first instant, so none after `to`'s date
    // can start before `to`.
    LocalDate lastDate = LocalDate.ofInstant(Instant.ofEpochSecond(to), zone);
    Map<DayOfWeek, List<TimeInterval>> weeklyByDay = schedule.weeklyByDay();
    List<Window> windows = new ArrayList<>();
    for (LocalDate date = firstDate; !date.isAfter(lastDate); date = date.plusDays(1)) {
      schedule.windowsOn(date, weeklyByDay, (start, end) -> windows.add(new Window(start, end)));
    }
    return new Windows(windows);
  }

  /**
   * The grid starts of rule 2 in {@code [from, to)}, sorted and distinct: for each window, its
   * start plus multiples of {@code interval} inside it, kept when {@code duration} from there still
   * lies in the merged window.
   */
  long[] candidates(long from, long to, long interval, long duration) {
    long[] found = new long[64];
    int count = 0;
    for (int i = 0; i < starts.length; i++) {
      long windowStart = starts[i];
      // The grid stays anchored at the window start even when the range begins inside it.
      long stepsToFrom = from > windowStart ? (from - windowStart + interval - 1) / interval : 0;
      long lastFittingStart = mergedEnds[i] - duration;
      long startsBefore = Math.min(Math.min(ends[i], to), lastFittingStart + 1);
      for (long start = windowStart + stepsToFrom * interval;
          start < startsBefore;
          start += interval) {
        if (count == found.length) {
          found = Arrays.copyOf(found, count * 2);
        }
        found[count++] = start;
      }
    }
    return sortedDistinct(found, count);
  }

  /** Whether {@code start} is a candidate of rule 2. */
  boolean isCandidate(long start, long interval, long duration) {
    for (int i = 0; i < starts.length; i++) {
      if (starts[i] <= start
          && start < ends[i]
          && (start - starts[i]) % interval == 0
          && start + duration <= mergedEnds[i]) {
        return true;
      }
    }
    return false;
  }

  private static long[] sortedDistinct(long[] values, int count) {
    Arrays.sort(values, 0, count);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      // Overlapping windows can put the same start on two grids.
      if (distinct == 0 || values[i] != values[distinct - 1]) {
        values[distinct++] = values[i];
      }
    }
    return Arrays.copyOf(values, distinct);
  }
}
