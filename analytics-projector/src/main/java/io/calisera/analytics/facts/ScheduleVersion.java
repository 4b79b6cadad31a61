package io.calisera.analytics.facts;

import io.calisera.api.schedule.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * A schedule as a provider had it from local date {@code effectiveFrom} on (the date it was set, in
 * the provider's zone then), until the next version's date. A schedule set during a day is the
 * day's: the last word about a date before it ended counts, and later changes never rewrite days
 * that are over.
 *
 * @param position the global position of the event that set it
 */
public record ScheduleVersion(
    LocalDate effectiveFrom, long position, Schedule schedule, Instant setAt) {

  static final Comparator<ScheduleVersion> ORDER =
      Comparator.comparing(ScheduleVersion::effectiveFrom)
          .thenComparingLong(ScheduleVersion::position);

  /** The version in force on {@code date}, or null before the first; {@code versions} in ORDER. */
  public static Schedule inForce(List<ScheduleVersion> versions, LocalDate date) {
    Schedule found = null;
    for (ScheduleVersion version : versions) {
      if (version.effectiveFrom().isAfter(date)) {
        break;
      }
      found = version.schedule();
    }
    return found;
  }
}
