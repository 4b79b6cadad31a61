package io.calisera.api.schedule;

import static io.calisera.api.schedule.SlotFixtures.BERLIN;
import static io.calisera.api.schedule.SlotFixtures.NEW_YORK;
import static io.calisera.api.schedule.SlotFixtures.TOKYO;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpenEveryDay;
import static io.calisera.api.schedule.SlotFixtures.anHourLongService;
import static io.calisera.api.schedule.SlotFixtures.at;
import static io.calisera.api.schedule.SlotFixtures.date;
import static io.calisera.api.schedule.SlotFixtures.instants;
import static io.calisera.api.schedule.SlotFixtures.startsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query's range is local dates of the requested zone, which need not be the provider's. */
class QueryRangeTest {

  private static final Instant EARLY_JUNE = at("2026-06-01T00:00Z");

  @Test
  void localDatesOfAZoneAreWholeDaysOfThatZone() {
    assertThat(InstantRange.ofLocalDates(date("2026-06-15"), date("2026-06-16"), TOKYO))
        .isEqualTo(new InstantRange(at("2026-06-14T15:00Z"), at("2026-06-16T15:00Z")));
  }

  @Test
  void localDatesAcrossAClockChangeSpanTheirElapsedLength() {
    InstantRange springForward =
        InstantRange.ofLocalDates(date("2026-03-29"), date("2026-03-29"), BERLIN);
    InstantRange fallBack =
        InstantRange.ofLocalDates(date("2026-11-01"), date("2026-11-01"), NEW_YORK);

    assertThat(Duration.between(springForward.start(), springForward.endExclusive())).hasHours(23);
    assertThat(Duration.between(fallBack.start(), fallBack.endExclusive())).hasHours(25);
  }

  @Test
  void aTokyoDateCoversTheBerlinEveningBefore() {
    // Tokyo's 15 June is [14 June 15:00Z, 15 June 15:00Z): Berlin's evening of the 14th.
    Schedule eveningsInBerlin = aProviderOpenEveryDay(BERLIN, "18:00", "22:00");

    List<Slot> slots =
        SlotEngine.availableSlots(
            eveningsInBerlin,
            anHourLongService(),
            List.of(),
            EARLY_JUNE,
            InstantRange.ofLocalDates(date("2026-06-15"), date("2026-06-15"), TOKYO));

    assertThat(startsOf(slots))
        .containsExactlyElementsOf(
            instants(
                "2026-06-15T01:00+09:00",
                "2026-06-15T02:00+09:00",
                "2026-06-15T03:00+09:00",
                "2026-06-15T04:00+09:00"));
  }

  @Test
  void aNewYorkDateCoversTheBerlinEveningOfTheSameDate() {
    Schedule eveningsInBerlin = aProviderOpenEveryDay(BERLIN, "18:00", "22:00");

    List<Slot> slots =
        SlotEngine.availableSlots(
            eveningsInBerlin,
            anHourLongService(),
            List.of(),
            EARLY_JUNE,
            InstantRange.ofLocalDates(date("2026-06-14"), date("2026-06-14"), NEW_YORK));

    assertThat(startsOf(slots))
        .containsExactlyElementsOf(
            instants(
                "2026-06-14T18:00+02:00",
                "2026-06-14T19:00+02:00",
                "2026-06-14T20:00+02:00",
                "2026-06-14T21:00+02:00"));
  }

  @Test
  void aRangeEndingBeforeItStartsIsRejected() {
    assertThatThrownBy(
            () -> InstantRange.ofLocalDates(date("2026-06-15"), date("2026-06-14"), TOKYO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("to must not be before from 2026-06-15, was 2026-06-14");
  }
}
