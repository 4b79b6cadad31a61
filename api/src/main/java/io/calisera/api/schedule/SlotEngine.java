package io.calisera.api.schedule;

import io.calisera.api.common.Require;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The slot rules of the contract ({@code docs/api.md}, "Slots", rules 1-5) as pure functions of
 * schedule, service settings, live bookings and {@code now}. The query side lists slots with {@link
 * #availableSlots}; the command side accepts exactly the starts that {@link #check} accepts, which
 * are exactly the starts {@code availableSlots} would list at that {@code now}.
 */
public final class SlotEngine {

  /**
   * The grid of a start this close to the end of {@code java.time}'s calendar cannot be computed;
   * such a start is far beyond any booking horizon anyway.
   */
  private static final Instant LAST_CHECKABLE_START =
      LocalDate.MAX.minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();

  private SlotEngine() {}

  /**
   * Every slot that rules 1-4 offer at {@code now} and whose start lies in {@code [rangeStart,
   * rangeEndExclusive)}, sorted by start, without duplicates.
   *
   * <p>Costs O(days + candidates + bookings * log candidates): {@code live} may hold every live
   * booking of the provider, in any order; one that cannot reach the range costs one comparison.
   *
   * @param live the provider's {@code PENDING} and {@code CONFIRMED} bookings, of all its services
   */
  public static List<Slot> availableSlots(
      Schedule schedule,
      SlotSettings settings,
      Collection<BookedRange> live,
      Instant now,
      Instant rangeStart,
      Instant rangeEndExclusive) {
    return availableSlots(
        schedule, settings, live, now, new InstantRange(rangeStart, rangeEndExclusive));
  }

  /** {@link #availableSlots(Schedule, SlotSettings, Collection, Instant, Instant, Instant)}. */
  public static List<Slot> availableSlots(
      Schedule schedule,
      SlotSettings settings,
      Collection<BookedRange> live,
      Instant now,
      InstantRange range) {
    Require.notNull(schedule, "schedule");
    Require.notNull(settings, "settings");
    Require.notNull(live, "live");
    Require.notNull(now, "now");
    Require.notNull(range, "range");

    // Rule 4 first: it bounds the work to the bookable part of the range, at most the horizon.
    long from = Math.max(ceilSeconds(range.start()), earliestStart(settings, now));
    long to = Math.min(ceilSeconds(range.endExclusive()), horizonEnd(schedule, settings, now));
    if (from >= to) {
      return List.of();
    }
    long duration = settings.durationMinutes() * 60L;
    long[] candidates =
        Windows.around(schedule, from, to + duration)
            .candidates(from, to, settings.slotIntervalMinutes() * 60L, duration);
    boolean[] taken = taken(candidates, settings, live);

    List<Slot> slots = new ArrayList<>(candidates.length);
    for (int i = 0; i < candidates.length; i++) {
      if (!taken[i]) {
        Instant start = Instant.ofEpochSecond(candidates[i]);
        slots.add(new Slot(start, start.plusSeconds(duration)));
      }
    }
    return slots;
  }

  /**
   * Rule 5: whether a booking may start at {@code start} now. Accepted exactly when {@link
   * #availableSlots} at this {@code now} would offer {@code start}; otherwise the first refusal
   * that applies, in this order: {@link SlotRefusal#IN_THE_PAST}, {@link SlotRefusal#NOT_A_SLOT},
   * {@link SlotRefusal#INSIDE_MINIMUM_NOTICE}, {@link SlotRefusal#BEYOND_BOOKING_HORIZON}, {@link
   * SlotRefusal#SLOT_TAKEN}. (Only a start within days of the year 1,000,000,000, where the grid
   * cannot be computed, is reported as beyond the horizon without asking whether it is a slot.)
   *
   * <p>Costs O(bookings), independent of how far ahead {@code start} lies.
   *
   * @param excludedBookingId the booking being rescheduled, which does not block its own new time;
   *     {@code null} for a new booking
   */
  public static Verdict check(
      Schedule schedule,
      SlotSettings settings,
      Collection<BookedRange> live,
      Instant now,
      Instant start,
      String excludedBookingId) {
    Require.notNull(schedule, "schedule");
    Require.notNull(settings, "settings");
    Require.notNull(live, "live");
    Require.notNull(now, "now");
    Require.notNull(start, "start");

    if (start.isBefore(now)) {
      return new Verdict.Refused(SlotRefusal.IN_THE_PAST);
    }
    if (start.isAfter(LAST_CHECKABLE_START)) {
      return new Verdict.Refused(SlotRefusal.BEYOND_BOOKING_HORIZON);
    }
    if (!isCandidate(schedule, settings, start)) {
      return new Verdict.Refused(SlotRefusal.NOT_A_SLOT);
    }
    long second = start.getEpochSecond();
    if (second < earliestStart(settings, now)) {
      return new Verdict.Refused(SlotRefusal.INSIDE_MINIMUM_NOTICE);
    }
    if (second >= horizonEnd(schedule, settings, now)) {
      return new Verdict.Refused(SlotRefusal.BEYOND_BOOKING_HORIZON);
    }
    for (BookedRange booking : live) {
      if (!Objects.equals(booking.bookingId(), excludedBookingId)
          && blocks(booking, second, settings)) {
        return new Verdict.Refused(SlotRefusal.SLOT_TAKEN);
      }
    }
    return new Verdict.Accepted(Slot.of(start, settings.duration()));
  }

  private static boolean isCandidate(Schedule schedule, SlotSettings settings, Instant start) {
    // Every grid point is a whole second (see Windows).
    if (start.getNano() != 0) {
      return false;
    }
    long second = start.getEpochSecond();
    long duration = settings.durationMinutes() * 60L;
    return Windows.around(schedule, second, second + duration)
        .isCandidate(second, settings.slotIntervalMinutes() * 60L, duration);
  }

  /** Rule 4: the first second a start may have, {@code now + minimumNotice} rounded up. */
  private static long earliestStart(SlotSettings settings, Instant now) {
    return ceilSeconds(now) + settings.minimumNoticeMinutes() * 60L;
  }

  /**
   * Rule 4: the first instant of the provider-local date after the last bookable one; a start is
   * within the horizon iff it is before this.
   */
  private static long horizonEnd(Schedule schedule, SlotSettings settings, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, schedule.zone());
    return today
        .plusDays(settings.maxDaysInAdvance() + 1L)
        .atStartOfDay(schedule.zone())
        .toEpochSecond();
  }

  /**
   * Rule 3 for many candidates at once. Each candidate blocks the same span around its start, so
   * the candidates a booking blocks are one run of the sorted array, found by binary search and
   * marked in a difference array: no sorting of bookings, no candidates x bookings loop.
   */
  private static boolean[] taken(
      long[] candidates, SlotSettings settings, Collection<BookedRange> live) {
    int[] coverChanges = new int[candidates.length + 1];
    if (candidates.length > 0) {
      long earliest = candidates[0];
      long latest = candidates[candidates.length - 1];
      for (BookedRange booking : live) {
        // blocks(booking, c) <=> lowestBlocked < c < highestBlocked
        long lowestBlocked = occupiedFromFloor(booking) - blockedAfter(settings);
        long highestBlocked = occupiedUntilCeil(booking) + blockedBefore(settings);
        // Most live bookings lie outside the range: skip them without searching.
        if (lowestBlocked >= latest || highestBlocked <= earliest) {
          continue;
        }
        int first = firstAbove(candidates, lowestBlocked);
        int end = firstAtOrAbove(candidates, highestBlocked);
        if (first < end) {
          coverChanges[first]++;
          coverChanges[end]--;
        }
      }
    }
    boolean[] taken = new boolean[candidates.length];
    int cover = 0;
    for (int i = 0; i < candidates.length; i++) {
      cover += coverChanges[i];
      taken[i] = cover > 0;
    }
    return taken;
  }

  /**
   * Rule 3 for one candidate starting at whole second {@code start}: {@code [start - bufferBefore,
   * start + duration + bufferAfter)} overlaps what the booking occupies. Rounding the booking's
   * range outwards to whole seconds is exact, as the candidate's edges are whole seconds.
   */
  private static boolean blocks(BookedRange booking, long start, SlotSettings settings) {
    return start - blockedBefore(settings) < occupiedUntilCeil(booking)
        && occupiedFromFloor(booking) < start + blockedAfter(settings);
  }

  /** Seconds a candidate blocks before its start. */
  private static long blockedBefore(SlotSettings settings) {
    return settings.bufferBeforeMinutes() * 60L;
  }

  /** Seconds a candidate blocks from its start on: its duration and its buffer after. */
  private static long blockedAfter(SlotSettings settings) {
    return (settings.durationMinutes() + settings.bufferAfterMinutes()) * 60L;
  }

  private static long occupiedFromFloor(BookedRange booking) {
    return booking.start().getEpochSecond() - booking.bufferBeforeMinutes() * 60L;
  }

  private static long occupiedUntilCeil(BookedRange booking) {
    return ceilSeconds(booking.end()) + booking.bufferAfterMinutes() * 60L;
  }

  private static long ceilSeconds(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }

  /** Index of the first value greater than {@code key}. */
  private static int firstAbove(long[] sorted, long key) {
    int index = Arrays.binarySearch(sorted, key);
    return index >= 0 ? index + 1 : -index - 1;
  }

  /** Index of the first value greater than or equal to {@code key}. */
  private static int firstAtOrAbove(long[] sorted, long key) {
    int index = Arrays.binarySearch(sorted, key);
    return index >= 0 ? index : -index - 1;
  }
}
