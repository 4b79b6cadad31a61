package io.calisera.analytics.facts;

import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.TimeInterval;
import io.calisera.api.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A schedule as the rows of {@code schedules} keep it, readable in SQL: {@code MONDAY 09:00-17:00}
 * per weekly interval, {@code 2026-12-24 09:00-12:00 13:00-14:00} per override (a date alone is
 * closed); {@code 24:00} is the next midnight, as on the wire.
 */
final class ScheduleText {

  private ScheduleText() {}

  static String[] weekly(List<WeeklyHours> weekly) {
    return weekly.stream().map(h -> h.day() + " " + h.interval()).toArray(String[]::new);
  }

  static String[] overrides(List<DateOverride> overrides) {
    return overrides.stream()
        .map(
            o -> {
              StringBuilder text = new StringBuilder(o.date().toString());
              o.intervals().forEach(interval -> text.append(' ').append(interval));
              return text.toString();
            })
        .toArray(String[]::new);
  }

  static List<WeeklyHours> weekly(String[] texts) {
    List<WeeklyHours> weekly = new ArrayList<>();
    for (String text : texts) {
      String[] parts = text.split(" ");
      weekly.add(new WeeklyHours(DayOfWeek.valueOf(parts[0]), interval(parts[1])));
    }
    return weekly;
  }

  static List<DateOverride> overrides(String[] texts) {
    List<DateOverride> overrides = new ArrayList<>();
    for (String text : texts) {
      String[] parts = text.split(" ");
      overrides.add(
          new DateOverride(
              LocalDate.parse(parts[0]),
              Arrays.stream(parts, 1, parts.length).map(ScheduleText::interval).toList()));
    }
    return overrides;
  }

  private static TimeInterval interval(String text) {
    int dash = text.indexOf('-');
    return TimeInterval.of(text.substring(0, dash), text.substring(dash + 1));
  }
}
