package io.calisera.query.common;

import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.Schedule;
import io.calisera.api.schedule.TimeInterval;
import io.calisera.api.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Weekly hours and overrides as stored in documents: wire texts ({@code "09:00"}, {@code "24:00"},
 * {@code "2026-12-24"}), exact and readable.
 */
public record ScheduleDocument(List<Weekly> weekly, List<Override> overrides) {

  public static final ScheduleDocument EMPTY = new ScheduleDocument(List.of(), List.of());

  public record Weekly(String day, String start, String end) {}

  public record Override(String date, List<Interval> intervals) {}

  public record Interval(String start, String end) {}

  public ScheduleDocument {
    weekly = weekly == null ? List.of() : List.copyOf(weekly);
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }

  public static ScheduleDocument of(List<WeeklyHours> weekly, List<DateOverride> overrides) {
    return new ScheduleDocument(
        weekly.stream()
            .map(
                w ->
                    new Weekly(
                        w.day().name(),
                        interval(w.interval()).start(),
                        interval(w.interval()).end()))
            .toList(),
        overrides.stream()
            .map(
                o ->
                    new Override(
                        o.date().toString(),
                        o.intervals().stream().map(ScheduleDocument::interval).toList()))
            .toList());
  }

  public List<WeeklyHours> weeklyHours() {
    return weekly.stream()
        .map(w -> new WeeklyHours(DayOfWeek.valueOf(w.day()), TimeInterval.of(w.start(), w.end())))
        .toList();
  }

  public List<DateOverride> dateOverrides() {
    return overrides.stream()
        .map(
            o ->
                new DateOverride(
                    LocalDate.parse(o.date()),
                    o.intervals().stream().map(i -> TimeInterval.of(i.start(), i.end())).toList()))
        .toList();
  }

  public Schedule in(ZoneId zone) {
    return new Schedule(zone, weeklyHours(), dateOverrides());
  }

  private static Interval interval(TimeInterval interval) {
    String text = interval.toString();
    int dash = text.indexOf('-');
    return new Interval(text.substring(0, dash), text.substring(dash + 1));
  }
}
