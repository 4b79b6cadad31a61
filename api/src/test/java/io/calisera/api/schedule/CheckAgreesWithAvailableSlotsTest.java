package io.calisera.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Random schedules, settings, bookings and clocks (fixed seed) around the clock changes of several
 * zones, compared with a deliberately naive reading of rules 1-5 written straight from the
 * contract. {@code availableSlots} must list exactly its slots, and {@code check} must give its
 * verdict for every minute of the range, so check and availableSlots agree on every start.
 */
class CheckAgreesWithAvailableSlotsTest {

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Pacific/Auckland"),
          ZoneId.of("Australia/Lord_Howe"), // half-hour DST shift
          ZoneId.of("America/Santiago"), // clocks change at midnight
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("UTC"));

  /** Periods containing a clock change in at least one of the zones. */
  private static final List<LocalDate> PERIOD_STARTS =
      List.of(
          LocalDate.of(2026, 3, 6),
          LocalDate.of(2026, 3, 27),
          LocalDate.of(2026, 4, 3),
          LocalDate.of(2026, 9, 4),
          LocalDate.of(2026, 9, 25),
          LocalDate.of(2026, 10, 23),
          LocalDate.of(2026, 10, 30));

  private static final int DAYS = 4;

  @Test
  void availableSlotsAndCheckFollowTheContractOnRandomCalendars() {
    Random random = new Random(20260329L);
    for (int round = 0; round < 120; round++) {
      ZoneId zone = pick(random, ZONES);
      LocalDate firstDate = pick(random, PERIOD_STARTS);
      Schedule schedule = randomSchedule(random, zone, firstDate);
      SlotSettings settings = randomSettings(random);
      Instant now = randomNow(random, firstDate.minusDays(1).atStartOfDay(zone).toInstant());
      List<BookedRange> live = randomBookings(random, firstDate.atStartOfDay(zone).toInstant());
      InstantRange range =
          InstantRange.ofLocalDates(firstDate, firstDate.plusDays(DAYS - 1), pick(random, ZONES));
      String excluded = live.isEmpty() ? null : pick(random, live).bookingId();
      String context =
          "round %d: %s %s now=%s range=%s live=%s"
              .formatted(round, schedule, settings, now, range, live);

      Contract contract = new Contract(schedule, settings, live, now, range);
      List<Slot> slots = SlotEngine.availableSlots(schedule, settings, live, now, range);
      assertThat(slots).as(context).isEqualTo(contract.slots(null));

      for (Instant minute = range.start().truncatedTo(ChronoUnit.MINUTES);
          minute.isBefore(range.endExclusive());
          minute = minute.plus(Duration.ofMinutes(1))) {
        assertThat(SlotEngine.check(schedule, settings, live, now, minute, null))
            .as("%s start=%s", context, minute)
            .isEqualTo(contract.verdict(minute, null));
        assertThat(SlotEngine.check(schedule, settings, live, now, minute, excluded))
            .as("%s start=%s excluding %s", context, minute, excluded)
            .isEqualTo(contract.verdict(minute, excluded));
      }
      for (Slot slot : slots) {
        Instant offGrid = slot.start().plusSeconds(1 + random.nextInt(59));
        assertThat(SlotEngine.check(schedule, settings, live, now, offGrid, null))
            .as("%s start=%s", context, offGrid)
            .isEqualTo(new Verdict.Refused(SlotRefusal.NOT_A_SLOT));
      }
    }
  }

  /** Rules 1-5 read literally, with instants and a loop over everything; slow and obvious. */
  private static final class Contract {

    private record Window(Instant start, Instant end) {}

    private final Schedule schedule;
    private final SlotSettings settings;
    private final List<BookedRange> live;
    private final Instant now;
    private final InstantRange range;
    private final List<Window> windows = new ArrayList<>();

    Contract(
        Schedule schedule,
        SlotSettings settings,
        List<BookedRange> live,
        Instant now,
        InstantRange range) {
      this.schedule = schedule;
      this.settings = settings;
      this.live = live;
      this.now = now;
      this.range = range;
      ZoneId zone = schedule.zone();
      LocalDate last = LocalDate.ofInstant(range.endExclusive(), zone).plusDays(3);
      for (LocalDate date = LocalDate.ofInstant(range.start(), zone).minusDays(3);
          !date.isAfter(last);
          date = date.plusDays(1)) {
        for (TimeInterval interval : intervalsOf(date)) {
          Instant start = ZonedDateTime.of(date, interval.start(), zone).toInstant();
          LocalDate endDate = interval.end().isAfter(interval.start()) ? date : date.plusDays(1);
          Instant end = ZonedDateTime.of(endDate, interval.end(), zone).toInstant();
          if (end.isAfter(start)) {
            windows.add(new Window(start, end));
          }
        }
      }
    }

    List<Slot> slots(String excluded) {
      TreeSet<Instant> starts = new TreeSet<>();
      for (Window window : windows) {
        for (Instant start = window.start();
            start.isBefore(window.end());
            start = start.plus(settings.slotInterval())) {
          if (range.contains(start) && verdict(start, excluded).isAccepted()) {
            starts.add(start);
          }
        }
      }
      return starts.stream().map(start -> Slot.of(start, settings.duration())).toList();
    }

    Verdict verdict(Instant start, String excluded) {
      if (start.isBefore(now)) {
        return new Verdict.Refused(SlotRefusal.IN_THE_PAST);
      }
      if (!isCandidate(start)) {
        return new Verdict.Refused(SlotRefusal.NOT_A_SLOT);
      }
      if (start.isBefore(now.plus(settings.minimumNotice()))) {
        return new Verdict.Refused(SlotRefusal.INSIDE_MINIMUM_NOTICE);
      }
      LocalDate today = LocalDate.ofInstant(now, schedule.zone());
      if (LocalDate.ofInstant(start, schedule.zone())
          .isAfter(today.plusDays(settings.maxDaysInAdvance()))) {
        return new Verdict.Refused(SlotRefusal.BEYOND_BOOKING_HORIZON);
      }
      Instant blockedFrom = start.minus(settings.bufferBefore());
      Instant blockedUntil = start.plus(settings.duration()).plus(settings.bufferAfter());
      for (BookedRange booking : live) {
        if (!Objects.equals(booking.bookingId(), excluded)
            && blockedFrom.isBefore(booking.occupiedUntil())
            && booking.occupiedFrom().isBefore(blockedUntil)) {
          return new Verdict.Refused(SlotRefusal.SLOT_TAKEN);
        }
      }
      return new Verdict.Accepted(Slot.of(start, settings.duration()));
    }

    private boolean isCandidate(Instant start) {
      for (Window window : windows) {
        if (!start.isBefore(window.start())
            && start.isBefore(window.end())
            && Duration.between(window.start(), start).toNanos() % settings.slotInterval().toNanos()
                == 0
            && covered(start, start.plus(settings.duration()))) {
          return true;
        }
      }
      return false;
    }

    /** Whether windows cover [from, to) without a hole: then it lies in one merged window. */
    private boolean covered(Instant from, Instant to) {
      Instant reached = from;
      boolean progress = true;
      while (reached.isBefore(to) && progress) {
        progress = false;
        for (Window window : windows) {
          if (!window.start().isAfter(reached) && window.end().isAfter(reached)) {
            reached = window.end();
            progress = true;
          }
        }
      }
      return !reached.isBefore(to);
    }

    private List<TimeInterval> intervalsOf(LocalDate date) {
      for (DateOverride override : schedule.overrides()) {
        if (override.date().equals(date)) {
          return override.intervals();
        }
      }
      return schedule.weekly().stream()
          .filter(hours -> hours.day() == date.getDayOfWeek())
          .map(WeeklyHours::interval)
          .toList();
    }
  }

  private static Schedule randomSchedule(Random random, ZoneId zone, LocalDate firstDate) {
    while (true) {
      try {
        List<WeeklyHours> weekly = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
          for (int i = random.nextInt(4); i > 0; i--) {
            weekly.add(new WeeklyHours(day, randomInterval(random)));
          }
        }
        List<DateOverride> overrides = new ArrayList<>();
        for (int day = -1; day <= DAYS; day++) {
          if (random.nextInt(4) == 0) {
            List<TimeInterval> intervals = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
              intervals.add(randomInterval(random));
            }
            overrides.add(new DateOverride(firstDate.plusDays(day), intervals));
          }
        }
        return new Schedule(zone, weekly, overrides);
      } catch (InvalidScheduleException overlapping) {
        // draw again
      }
    }
  }

  private static TimeInterval randomInterval(Random random) {
    int start = random.nextInt(4) == 0 ? random.nextInt(24 * 60) : 15 * random.nextInt(24 * 4);
    int end =
        switch (random.nextInt(10)) {
          case 0 -> 0; // until midnight
          case 1 -> start; // 24 hours
          case 2, 3 -> start == 0 ? 0 : random.nextInt(start); // overnight
          default -> Math.min(start + 15 * (1 + random.nextInt(40)), 24 * 60) % (24 * 60);
        };
    return new TimeInterval(minuteOfDay(start), minuteOfDay(end));
  }

  private static LocalTime minuteOfDay(int minute) {
    return LocalTime.ofSecondOfDay(minute * 60L);
  }

  private static SlotSettings randomSettings(Random random) {
    return new SlotSettings(
        5 * (1 + random.nextInt(48)),
        random.nextInt(3) == 0 ? 0 : random.nextInt(61),
        random.nextInt(3) == 0 ? 0 : random.nextInt(61),
        random.nextInt(3) == 0 ? 60 : 5 + random.nextInt(120),
        random.nextInt(2) == 0 ? 0 : random.nextInt(24 * 60),
        1 + random.nextInt(5));
  }

  private static Instant randomNow(Random random, Instant earliest) {
    Instant now = earliest.plus(Duration.ofMinutes(random.nextInt((DAYS + 1) * 24 * 60)));
    return random.nextInt(4) == 0 ? now.plusNanos(random.nextInt(60_000_000) * 1000L) : now;
  }

  private static List<BookedRange> randomBookings(Random random, Instant firstDay) {
    List<BookedRange> bookings = new ArrayList<>();
    for (int i = random.nextInt(12); i > 0; i--) {
      Instant start =
          firstDay.plus(Duration.ofMinutes(-24 * 60 + 5L * random.nextInt((DAYS + 2) * 24 * 12)));
      if (random.nextInt(10) == 0) {
        start = start.plusNanos(random.nextInt(1_000_000_000));
      }
      bookings.add(
          new BookedRange(
              "b-" + i,
              start,
              start.plus(Duration.ofMinutes(5 + random.nextInt(180))),
              random.nextInt(2) == 0 ? 0 : random.nextInt(61),
              random.nextInt(2) == 0 ? 0 : random.nextInt(61)));
    }
    return bookings;
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
