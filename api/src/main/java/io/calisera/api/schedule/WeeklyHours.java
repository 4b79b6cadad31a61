package io.calisera.api.schedule;

import io.calisera.api.common.Require;
import java.time.DayOfWeek;

/** Opening hours that repeat every week on {@code day}, in the provider's zone. */
public record WeeklyHours(DayOfWeek day, TimeInterval interval) {

  public WeeklyHours {
    Require.notNull(day, "day");
    Require.notNull(interval, "interval");
  }

  /** E.g. {@code WeeklyHours.of(MONDAY, "09:00", "17:00")}; {@code end} may be {@code "24:00"}. */
  public static WeeklyHours of(DayOfWeek day, String start, String end) {
    return new WeeklyHours(day, TimeInterval.of(start, end));
  }
}
