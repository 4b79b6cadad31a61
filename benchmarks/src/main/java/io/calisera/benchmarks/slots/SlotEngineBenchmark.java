package io.calisera.benchmarks.slots;

import io.calisera.api.schedule.BookedRange;
import io.calisera.api.schedule.InstantRange;
import io.calisera.api.schedule.Schedule;
import io.calisera.api.schedule.Slot;
import io.calisera.api.schedule.SlotEngine;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.api.schedule.Verdict;
import io.calisera.api.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The slot engine for a provider with 10,000 live bookings: the query side's 62-day slot listing
 * and the command side's check of one start, both given every live booking of the provider.
 *
 * <p>Two calendars: {@code spread} has 10,000 bookings of 15 minutes over a year of weekday and
 * Saturday hours in Europe/Berlin (a busy provider; about 1,700 fall in a 62-day range, and every
 * query starts on another random day), {@code dense} has all 10,000 bookings of 5 minutes inside
 * the 62 days queried, on round-the-clock hours (the worst case for one query).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SlotEngineBenchmark {

  static final int BOOKINGS = 10_000;
  static final int QUERY_DAYS = 62;
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  private static final Instant NOW = TODAY.atTime(8, 3).atZone(BERLIN).toInstant();
  private static final int QUERIES = 1024; // a power of two, cycled through

  @Param({"spread", "dense"})
  public String calendar;

  private Schedule schedule;
  private SlotSettings settings;
  private List<BookedRange> live;
  private InstantRange[] ranges;
  private Instant[] starts;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    var random = new Random(20261125);
    settings = new SlotSettings(30, 5, 10, 15, 60, 400);
    live = new ArrayList<>(BOOKINGS);
    ranges = new InstantRange[QUERIES];
    starts = new Instant[QUERIES];
    if (calendar.equals("spread")) {
      List<WeeklyHours> hours = new ArrayList<>();
      for (DayOfWeek day : List.of(DayOfWeek.values()).subList(0, 5)) {
        hours.add(WeeklyHours.of(day, "09:00", "12:00"));
        hours.add(WeeklyHours.of(day, "13:00", "18:00"));
      }
      hours.add(WeeklyHours.of(DayOfWeek.SATURDAY, "10:00", "14:00"));
      schedule = Schedule.weekly(BERLIN, hours);
      for (int i = 0; i < BOOKINGS; i++) {
        LocalDate day = TODAY.plusDays(1 + random.nextInt(365));
        Instant start =
            day.atTime(LocalTime.of(9, 0).plusMinutes(15L * random.nextInt(36)))
                .atZone(BERLIN)
                .toInstant();
        live.add(new BookedRange("b" + i, start, start.plus(Duration.ofMinutes(15)), 5, 10));
      }
      for (int i = 0; i < QUERIES; i++) {
        LocalDate from = TODAY.plusDays(random.nextInt(365 - QUERY_DAYS));
        ranges[i] = InstantRange.ofLocalDates(from, from.plusDays(QUERY_DAYS - 1), BERLIN);
      }
    } else {
      List<WeeklyHours> hours = new ArrayList<>();
      for (DayOfWeek day : DayOfWeek.values()) {
        hours.add(WeeklyHours.of(day, "00:00", "24:00"));
      }
      schedule = Schedule.weekly(BERLIN, hours);
      Instant first = TODAY.plusDays(1).atStartOfDay(BERLIN).toInstant();
      for (int i = 0; i < BOOKINGS; i++) {
        Instant start = first.plus(Duration.ofMinutes(8L * i));
        live.add(new BookedRange("b" + i, start, start.plus(Duration.ofMinutes(5)), 0, 0));
      }
      for (int i = 0; i < QUERIES; i++) {
        ranges[i] = InstantRange.ofLocalDates(TODAY, TODAY.plusDays(QUERY_DAYS - 1), BERLIN);
      }
    }
    List<Slot> offered = SlotEngine.availableSlots(schedule, settings, live, NOW, ranges[0]);
    if (offered.isEmpty()) {
      throw new IllegalStateException("the " + calendar + " calendar offers no slot");
    }
    for (int i = 0; i < QUERIES; i++) {
      // half of the checks find a free slot, half a start that the bookings or the grid refuse
      starts[i] =
          i % 2 == 0
              ? offered.get(random.nextInt(offered.size())).start()
              : live.get(random.nextInt(BOOKINGS)).start();
    }
  }

  /** The query side: every free slot of one service in 62 provider-local days. */
  @Benchmark
  public List<Slot> availableSlots62Days() {
    return SlotEngine.availableSlots(schedule, settings, live, NOW, ranges[next++ & (QUERIES - 1)]);
  }

  /** The command side: whether one start may be booked now (rule 5), as placing a booking asks. */
  @Benchmark
  public Verdict checkOneStart() {
    return SlotEngine.check(schedule, settings, live, NOW, starts[next++ & (QUERIES - 1)], null);
  }
}
