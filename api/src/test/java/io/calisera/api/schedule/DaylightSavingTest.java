package io.calisera.api.schedule;

import static io.calisera.api.schedule.SlotFixtures.BERLIN;
import static io.calisera.api.schedule.SlotFixtures.NEW_YORK;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpen;
import static io.calisera.api.schedule.SlotFixtures.anHourLongService;
import static io.calisera.api.schedule.SlotFixtures.at;
import static io.calisera.api.schedule.SlotFixtures.date;
import static io.calisera.api.schedule.SlotFixtures.hours;
import static io.calisera.api.schedule.SlotFixtures.instants;
import static io.calisera.api.schedule.SlotFixtures.slotsOn;
import static io.calisera.api.schedule.SlotFixtures.startsOf;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules 1 and 2 on the days clocks change: local times become instants as {@code atZone} does, and
 * durations and grid steps are elapsed time.
 *
 * <p>Europe/Berlin: 2026-03-29 02:00 CET jumps to 03:00 CEST; 2026-10-25 03:00 CEST falls back to
 * 02:00 CET. America/New_York: 2026-03-08 02:00 EST jumps to 03:00 EDT; 2026-11-01 02:00 EDT falls
 * back to 01:00 EST.
 */
class DaylightSavingTest {

  private static final LocalDate BERLIN_SPRING_FORWARD = date("2026-03-29");
  private static final LocalDate BERLIN_FALL_BACK = date("2026-10-25");
  private static final LocalDate NEW_YORK_SPRING_FORWARD = date("2026-03-08");
  private static final LocalDate NEW_YORK_FALL_BACK = date("2026-11-01");

  @Test
  void onTheBerlinSpringForwardDayTheSameWallClockHoursComeOneHourEarlierInUtc() {
    Schedule schedule = aProviderOpen(BERLIN, hours(SUNDAY, "09:00", "12:00"));

    assertThat(startsOf(slotsOn(schedule, anHourLongService(), BERLIN_SPRING_FORWARD.minusDays(7))))
        .containsExactlyElementsOf(
            instants("2026-03-22T08:00Z", "2026-03-22T09:00Z", "2026-03-22T10:00Z"));
    assertThat(startsOf(slotsOn(schedule, anHourLongService(), BERLIN_SPRING_FORWARD)))
        .containsExactlyElementsOf(
            instants("2026-03-29T07:00Z", "2026-03-29T08:00Z", "2026-03-29T09:00Z"));
  }

  @Test
  void aBerlinWindowAcrossTheMissingHourHoldsTwoElapsedHours() {
    Schedule schedule = aProviderOpen(BERLIN, hours(SUNDAY, "01:00", "04:00"));

    assertThat(slotsOn(schedule, anHourLongService(), BERLIN_SPRING_FORWARD))
        .containsExactly(
            new Slot(at("2026-03-29T01:00+01:00"), at("2026-03-29T03:00+02:00")),
            new Slot(at("2026-03-29T03:00+02:00"), at("2026-03-29T04:00+02:00")));
  }

  @Test
  void aBerlinWindowStartingInsideTheGapStartsOneHourLater() {
    // 02:30 does not exist that night; atZone moves it forward by the gap: 03:30+02:00.
    Schedule schedule = aProviderOpen(BERLIN, hours(SUNDAY, "02:30", "05:00"));

    assertThat(startsOf(slotsOn(schedule, SlotSettings.withDefaults(30), BERLIN_SPRING_FORWARD)))
        .containsExactlyElementsOf(
            instants("2026-03-29T03:30+02:00", "2026-03-29T04:00+02:00", "2026-03-29T04:30+02:00"));
  }

  @Test
  void aBerlinOvernightWindowOnTheSpringForwardNightIsOneHourShorter() {
    Schedule schedule = aProviderOpen(BERLIN, hours(SATURDAY, "22:00", "04:00"));

    List<Slot> slots =
        SlotFixtures.slotsBetween(
            schedule,
            anHourLongService(),
            BERLIN_SPRING_FORWARD.minusDays(1),
            BERLIN_SPRING_FORWARD);

    assertThat(startsOf(slots))
        .containsExactlyElementsOf(
            instants(
                "2026-03-28T22:00+01:00",
                "2026-03-28T23:00+01:00",
                "2026-03-29T00:00+01:00",
                "2026-03-29T01:00+01:00",
                "2026-03-29T03:00+02:00"));
  }

  @Test
  void aBerlinWindowAcrossTheRepeatedHourHoldsFourElapsedHours() {
    Schedule schedule = aProviderOpen(BERLIN, hours(SUNDAY, "01:00", "04:00"));

    List<Slot> slots = slotsOn(schedule, SlotSettings.withDefaults(120), BERLIN_FALL_BACK);

    assertThat(slots)
        .containsExactly(
            new Slot(at("2026-10-25T01:00+02:00"), at("2026-10-25T02:00+01:00")),
            new Slot(at("2026-10-25T02:00+01:00"), at("2026-10-25T04:00+01:00")));
    assertThat(slots)
        .allSatisfy(slot -> assertThat(Duration.between(slot.start(), slot.end())).hasHours(2));
  }

  @Test
  void anAmbiguousBerlinStartTakesTheEarlierOffset() {
    Schedule schedule = aProviderOpen(BERLIN, hours(SUNDAY, "02:30", "03:30"));

    // 02:30 CEST to 03:30 CET: two elapsed hours, so the same wall-clock 02:30 starts two slots.
    assertThat(startsOf(slotsOn(schedule, anHourLongService(), BERLIN_FALL_BACK)))
        .containsExactlyElementsOf(instants("2026-10-25T02:30+02:00", "2026-10-25T02:30+01:00"));
  }

  @Test
  void theGridStepsInElapsedTimeThroughTheRepeatedHour() {
    Schedule schedule = aProviderOpen(BERLIN, hours(SUNDAY, "00:00", "06:00"));

    assertThat(startsOf(slotsOn(schedule, SlotSettings.withDefaults(90), BERLIN_FALL_BACK)))
        .containsExactlyElementsOf(
            instants(
                "2026-10-25T00:00+02:00",
                "2026-10-25T01:30+02:00",
                "2026-10-25T02:00+01:00",
                "2026-10-25T03:30+01:00"));
  }

  @Test
  void onTheNewYorkSpringForwardDayAfternoonHoursComeOneHourEarlierInUtc() {
    Schedule schedule = aProviderOpen(NEW_YORK, hours(SUNDAY, "13:00", "17:00"));

    assertThat(
            startsOf(slotsOn(schedule, anHourLongService(), NEW_YORK_SPRING_FORWARD.minusDays(7))))
        .containsExactlyElementsOf(
            instants(
                "2026-03-01T18:00Z",
                "2026-03-01T19:00Z",
                "2026-03-01T20:00Z",
                "2026-03-01T21:00Z"));
    assertThat(slotsOn(schedule, anHourLongService(), NEW_YORK_SPRING_FORWARD))
        .containsExactly(
            new Slot(at("2026-03-08T17:00Z"), at("2026-03-08T18:00Z")),
            new Slot(at("2026-03-08T18:00Z"), at("2026-03-08T19:00Z")),
            new Slot(at("2026-03-08T19:00Z"), at("2026-03-08T20:00Z")),
            new Slot(at("2026-03-08T20:00Z"), at("2026-03-08T21:00Z")));
  }

  @Test
  void aNewYorkWindowAcrossTheMissingHourHoldsThreeElapsedHours() {
    Schedule schedule = aProviderOpen(NEW_YORK, hours(SUNDAY, "01:00", "05:00"));

    assertThat(slotsOn(schedule, anHourLongService(), NEW_YORK_SPRING_FORWARD))
        .containsExactly(
            new Slot(at("2026-03-08T01:00-05:00"), at("2026-03-08T03:00-04:00")),
            new Slot(at("2026-03-08T03:00-04:00"), at("2026-03-08T04:00-04:00")),
            new Slot(at("2026-03-08T04:00-04:00"), at("2026-03-08T05:00-04:00")));
  }

  @Test
  void aSlotAcrossTheNewYorkSpringForwardLastsItsElapsedDuration() {
    Schedule schedule = aProviderOpen(NEW_YORK, hours(SUNDAY, "00:00", "06:00"));

    // Three hours from 00:00 EST end at 04:00 EDT; a second slot would end after 06:00 EDT.
    assertThat(slotsOn(schedule, SlotSettings.withDefaults(180), NEW_YORK_SPRING_FORWARD))
        .containsExactly(new Slot(at("2026-03-08T00:00-05:00"), at("2026-03-08T04:00-04:00")));
  }

  @Test
  void aNewYorkWindowAcrossTheRepeatedHourHoldsFourElapsedHours() {
    Schedule schedule = aProviderOpen(NEW_YORK, hours(SUNDAY, "00:00", "03:00"));

    assertThat(slotsOn(schedule, anHourLongService(), NEW_YORK_FALL_BACK))
        .containsExactly(
            new Slot(at("2026-11-01T00:00-04:00"), at("2026-11-01T01:00-04:00")),
            new Slot(at("2026-11-01T01:00-04:00"), at("2026-11-01T01:00-05:00")),
            new Slot(at("2026-11-01T01:00-05:00"), at("2026-11-01T02:00-05:00")),
            new Slot(at("2026-11-01T02:00-05:00"), at("2026-11-01T03:00-05:00")));
  }
}
