package io.calisera.api.schedule;

import io.calisera.api.common.Require;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The instants {@code [start, endExclusive)}. */
public record InstantRange(Instant start, Instant endExclusive) {

  public InstantRange {
    Require.notNull(start, "start");
    Require.notNull(endExclusive, "endExclusive");
    if (endExclusive.isBefore(start)) {
      throw new IllegalArgumentException(
          "endExclusive must not be before start " + start + ", was " + endExclusive);
    }
  }

  /**
   * The local dates {@code [from, to]} of {@code zone} as instants: {@code [from 00:00, to 24:00)}.
   * The zone is the one the query asks in, which may differ from the provider's. A day whose
   * midnight falls in a DST gap starts at the first instant that exists on it.
   */
  public static InstantRange ofLocalDates(LocalDate from, LocalDate to, ZoneId zone) {
    Require.notNull(from, "from");
    Require.notNull(to, "to");
    Require.notNull(zone, "timeZone");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from " + from + ", was " + to);
    }
    return new InstantRange(
        from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant());
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(endExclusive);
  }
}
