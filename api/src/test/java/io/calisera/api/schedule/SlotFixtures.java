package io.calisera.api.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** Test data with intention-revealing names. Every instant is fixed; nothing reads a clock. */
final class SlotFixtures {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  static final ZoneId UTC = ZoneOffset.UTC;

  /** Monday. */
  static final LocalDate A_MONDAY = LocalDate.of(2026, 3, 2);

  private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

  private SlotFixtures() {}

  /** An instant from an ISO text with offset, e.g. {@code 2026-03-02T09:00+01:00}. */
  static Instant at(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset).toInstant();
  }

  static List<Instant> instants(String... isoWithOffset) {
    return Arrays.stream(isoWithOffset).map(SlotFixtures::at).toList();
  }

  static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  static WeeklyHours hours(DayOfWeek day, String start, String end) {
    return WeeklyHours.of(day, start, end);
  }

  static Schedule aProviderOpen(ZoneId zone, WeeklyHours... hours) {
    return Schedule.weekly(zone, List.of(hours));
  }

  static Schedule aProviderOpenWeekdaysNineToFive(ZoneId zone) {
    return aProviderOpen(
        zone,
        Arrays.stream(DayOfWeek.values())
            .filter(day -> day.getValue() <= DayOfWeek.FRIDAY.getValue())
            .map(day -> hours(day, "09:00", "17:00"))
            .toArray(WeeklyHours[]::new));
  }

  static Schedule aProviderOpenEveryDay(ZoneId zone, String start, String end) {
    return aProviderOpen(
        zone,
        Arrays.stream(DayOfWeek.values())
            .map(day -> hours(day, start, end))
            .toArray(WeeklyHours[]::new));
  }

  static SlotSettings anHourLongService() {
    return SlotSettings.withDefaults(60);
  }

  static BookedRange aBooking(String id, String start, String end) {
    return BookedRange.of(id, at(start), at(end));
  }

  /**
   * The slots whose start lies on {@code date} in the provider's zone, asked at the start of the
   * date before (so notice and horizon do not interfere unless the settings say so).
   */
  static List<Slot> slotsOn(
      Schedule schedule, SlotSettings settings, LocalDate date, BookedRange... live) {
    return slotsBetween(schedule, settings, date, date, live);
  }

  static List<Slot> slotsBetween(
      Schedule schedule, SlotSettings settings, LocalDate from, LocalDate to, BookedRange... live) {
    Instant now = from.minusDays(1).atStartOfDay(schedule.zone()).toInstant();
    return SlotEngine.availableSlots(
        schedule,
        settings,
        List.of(live),
        now,
        InstantRange.ofLocalDates(from, to, schedule.zone()));
  }

  static List<Instant> startsOf(List<Slot> slots) {
    return slots.stream().map(Slot::start).toList();
  }

  /** Slots as wall-clock text in {@code zone}, e.g. {@code 09:00-10:00}. */
  static List<String> wallClock(List<Slot> slots, ZoneId zone) {
    return slots.stream()
        .map(
            slot ->
                HOUR_MINUTE.format(slot.start().atZone(zone))
                    + "-"
                    + HOUR_MINUTE.format(slot.end().atZone(zone)))
        .toList();
  }

  /** Slot starts as wall-clock text in {@code zone}, e.g. {@code 09:00}. */
  static List<String> wallClockStarts(List<Slot> slots, ZoneId zone) {
    return slots.stream().map(slot -> HOUR_MINUTE.format(slot.start().atZone(zone))).toList();
  }
}
