package io.calisera.api.schedule;

import io.calisera.api.common.Require;
import java.time.Duration;
import java.time.Instant;

/** A bookable slot: {@code [start, end)}, {@code end - start} being the service's duration. */
public record Slot(Instant start, Instant end) {

  public Slot {
    Require.notNull(start, "start");
    Require.notNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end must be after start " + start + ", was " + end);
    }
  }

  public static Slot of(Instant start, Duration duration) {
    return new Slot(start, start.plus(duration));
  }
}
