package io.calisera.api.schedule;

import static io.calisera.api.schedule.SlotFixtures.A_MONDAY;
import static io.calisera.api.schedule.SlotFixtures.BERLIN;
import static io.calisera.api.schedule.SlotFixtures.UTC;
import static io.calisera.api.schedule.SlotFixtures.aBooking;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpenEveryDay;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpenWeekdaysNineToFive;
import static io.calisera.api.schedule.SlotFixtures.anHourLongService;
import static io.calisera.api.schedule.SlotFixtures.at;
import static io.calisera.api.schedule.SlotFixtures.slotsOn;
import static io.calisera.api.schedule.SlotFixtures.wallClockStarts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rule 3: live bookings of any service, with their own buffers, take the slots they overlap. */
class ConflictsTest {

  private static final Schedule OPEN_NINE_TO_FIVE = aProviderOpenWeekdaysNineToFive(BERLIN);

  /** Service A: an hour, then 15 minutes to tidy up. */
  private static BookedRange aServiceABookingAtTen() {
    return new BookedRange(
        "a-1", at("2026-03-02T10:00+01:00"), at("2026-03-02T11:00+01:00"), 0, 15);
  }

  /** Service B: half an hour on a quarter-hour grid, with {@code bufferBefore} to prepare. */
  private static SlotSettings serviceBPreparingFor(int bufferBeforeMinutes) {
    return SlotSettings.withDefaults(30).withSlotInterval(15).withBuffers(bufferBeforeMinutes, 0);
  }

  @Test
  void aBookingTakesTheSlotsItOverlaps() {
    List<Slot> slots =
        slotsOn(
            OPEN_NINE_TO_FIVE,
            anHourLongService().withSlotInterval(30),
            A_MONDAY,
            aBooking("b-1", "2026-03-02T10:00+01:00", "2026-03-02T11:00+01:00"));

    assertThat(wallClockStarts(slots, BERLIN))
        .contains("09:00", "11:00")
        .doesNotContain("09:30", "10:00", "10:30");
  }

  @Test
  void anotherServicesBufferAfterTakesASlotWhoseBufferBeforeReachesIntoIt() {
    List<Slot> slots =
        slotsOn(OPEN_NINE_TO_FIVE, serviceBPreparingFor(10), A_MONDAY, aServiceABookingAtTen());

    // [11:05, 11:45) overlaps A's [10:00, 11:15); [11:20, 12:00) does not.
    assertThat(wallClockStarts(slots, BERLIN))
        .contains("09:30", "11:30")
        .doesNotContain("09:45", "10:00", "10:45", "11:00", "11:15");
  }

  @Test
  void touchingOccupiedRangesDoNotConflict() {
    List<Slot> slots =
        slotsOn(OPEN_NINE_TO_FIVE, serviceBPreparingFor(15), A_MONDAY, aServiceABookingAtTen());

    // 11:30 prepares from 11:15, exactly when A's tidy-up ends; 09:30 ends exactly at A's start.
    assertThat(wallClockStarts(slots, BERLIN)).contains("09:30", "11:30").doesNotContain("11:15");
  }

  @Test
  void theRequestedServicesBufferAfterMustNotReachIntoABooking() {
    SlotSettings withTidyUp = SlotSettings.withDefaults(30).withSlotInterval(15).withBuffers(0, 20);

    List<Slot> slots =
        slotsOn(
            OPEN_NINE_TO_FIVE,
            withTidyUp,
            A_MONDAY,
            aBooking("b-1", "2026-03-02T10:00+01:00", "2026-03-02T11:00+01:00"));

    assertThat(wallClockStarts(slots, BERLIN))
        .containsSequence("09:00", "11:00")
        .doesNotContain("09:15", "09:30");
  }

  @Test
  void aBookingsBufferBeforeTakesTheSlotsBeforeIt() {
    List<Slot> slots =
        slotsOn(
            OPEN_NINE_TO_FIVE,
            anHourLongService(),
            A_MONDAY,
            new BookedRange(
                "c-1", at("2026-03-02T14:00+01:00"), at("2026-03-02T15:00+01:00"), 30, 0));

    assertThat(wallClockStarts(slots, BERLIN))
        .containsExactly("09:00", "10:00", "11:00", "12:00", "15:00", "16:00");
  }

  @Test
  void buffersNeverApplyAgainstWindowEdges() {
    SlotSettings buffered = anHourLongService().withBuffers(30, 30);

    List<Slot> slots = slotsOn(OPEN_NINE_TO_FIVE, buffered, A_MONDAY);

    assertThat(wallClockStarts(slots, BERLIN)).hasSize(8).startsWith("09:00").endsWith("16:00");
  }

  @Test
  void aBookingBeforeTheRangeStillTakesSlotsThroughItsBuffer() {
    Schedule aroundTheClock = aProviderOpenEveryDay(UTC, "00:00", "24:00");
    BookedRange lateSundayWithTidyUp =
        new BookedRange("b-1", at("2026-03-01T23:00Z"), at("2026-03-02T00:00Z"), 0, 60);

    List<Slot> monday =
        slotsOn(aroundTheClock, anHourLongService(), A_MONDAY, lateSundayWithTidyUp);

    assertThat(wallClockStarts(monday, UTC)).startsWith("01:00");
  }

  @Test
  void aLongBookingTakesEverySlotItSpans() {
    List<Slot> slots =
        slotsOn(
            OPEN_NINE_TO_FIVE,
            anHourLongService(),
            A_MONDAY,
            aBooking("b-1", "2026-03-02T10:30+01:00", "2026-03-02T14:00+01:00"));

    assertThat(wallClockStarts(slots, BERLIN)).containsExactly("09:00", "14:00", "15:00", "16:00");
  }

  @Test
  void bookingsMayComeInAnyOrder() {
    Random random = new Random(42);
    List<BookedRange> bookings = new ArrayList<>();
    Instant monday = at("2026-03-02T00:00+01:00");
    for (int i = 0; i < 200; i++) {
      Instant start = monday.plus(Duration.ofMinutes(5L * random.nextInt(7 * 24 * 12)));
      bookings.add(
          new BookedRange(
              "b-" + i,
              start,
              start.plus(Duration.ofMinutes(5 + random.nextInt(60))),
              random.nextInt(30),
              random.nextInt(30)));
    }
    List<BookedRange> shuffled = new ArrayList<>(bookings);
    Collections.shuffle(shuffled, random);
    SlotSettings settings = SlotSettings.withDefaults(20).withSlotInterval(5).withBuffers(5, 10);
    Instant now = at("2026-03-01T00:00Z");
    Instant end = at("2026-03-09T00:00+01:00");

    List<Slot> fromSorted =
        SlotEngine.availableSlots(OPEN_NINE_TO_FIVE, settings, bookings, now, monday, end);
    List<Slot> fromShuffled =
        SlotEngine.availableSlots(OPEN_NINE_TO_FIVE, settings, shuffled, now, monday, end);

    assertThat(fromShuffled).isEqualTo(fromSorted).isNotEmpty();
  }
}
