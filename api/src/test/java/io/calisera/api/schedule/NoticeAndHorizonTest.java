package io.calisera.api.schedule;

import static io.calisera.api.schedule.SlotFixtures.AUCKLAND;
import static io.calisera.api.schedule.SlotFixtures.BERLIN;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpen;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpenEveryDay;
import static io.calisera.api.schedule.SlotFixtures.aProviderOpenWeekdaysNineToFive;
import static io.calisera.api.schedule.SlotFixtures.anHourLongService;
import static io.calisera.api.schedule.SlotFixtures.at;
import static io.calisera.api.schedule.SlotFixtures.date;
import static io.calisera.api.schedule.SlotFixtures.hours;
import static io.calisera.api.schedule.SlotFixtures.wallClockStarts;
import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 4: minimum notice in elapsed minutes, horizon in provider-local days. */
class NoticeAndHorizonTest {

  private static final LocalDate A_MONDAY = date("2026-03-02");
  private static final Schedule OPEN_NINE_TO_FIVE = aProviderOpenWeekdaysNineToFive(BERLIN);

  @Test
  void aSlotStartingExactlyAtTheMinimumNoticeIsOffered() {
    List<Slot> slots =
        mondayInBerlin(anHourLongService().withMinimumNotice(60), at("2026-03-02T08:00+01:00"));

    assertThat(wallClockStarts(slots, BERLIN)).startsWith("09:00");
  }

  @Test
  void aSlotStartingOneMinuteInsideTheMinimumNoticeIsNot() {
    List<Slot> slots =
        mondayInBerlin(anHourLongService().withMinimumNotice(60), at("2026-03-02T08:01+01:00"));

    assertThat(wallClockStarts(slots, BERLIN)).startsWith("10:00");
  }

  @Test
  void evenANanosecondInsideTheMinimumNoticeIsTooLate() {
    Instant now = at("2026-03-02T08:00+01:00").plusNanos(1);

    List<Slot> slots = mondayInBerlin(anHourLongService().withMinimumNotice(60), now);

    assertThat(wallClockStarts(slots, BERLIN)).startsWith("10:00");
  }

  @Test
  void withoutNoticeASlotStartingNowIsOfferedAndEarlierOnesAreNot() {
    assertThat(
            wallClockStarts(
                mondayInBerlin(anHourLongService(), at("2026-03-02T10:00+01:00")), BERLIN))
        .startsWith("10:00");
    assertThat(
            wallClockStarts(
                mondayInBerlin(anHourLongService(), at("2026-03-02T10:30+01:00")), BERLIN))
        .startsWith("11:00");
  }

  @Test
  void theHorizonCountsDaysInTheProvidersZone() {
    // 20:00 UTC on 10 March is already 09:00 on 11 March in Auckland (+13:00): "today" is the 11th,
    // so one day in advance reaches to the end of the 12th, Auckland time.
    Schedule auckland = aProviderOpenEveryDay(AUCKLAND, "09:00", "17:00");
    Instant now = at("2026-03-10T20:00Z");

    List<Slot> slots =
        SlotEngine.availableSlots(
            auckland,
            anHourLongService().withMaxDaysInAdvance(1),
            List.of(),
            now,
            InstantRange.ofLocalDates(date("2026-03-11"), date("2026-03-14"), AUCKLAND));

    assertThat(slots).hasSize(8 + 8);
    assertThat(slots.get(0).start()).isEqualTo(at("2026-03-11T09:00+13:00"));
    assertThat(slots.get(15).start()).isEqualTo(at("2026-03-12T16:00+13:00"));
  }

  @Test
  void theHorizonGoesByTheLocalDateOfTheStartNotOfTheWindow() {
    Schedule overnightOnMondays = aProviderOpen(BERLIN, hours(MONDAY, "22:00", "02:00"));
    Instant sundayMorning = at("2026-03-01T08:00+01:00");

    List<Slot> slots =
        SlotEngine.availableSlots(
            overnightOnMondays,
            anHourLongService().withMaxDaysInAdvance(1),
            List.of(),
            sundayMorning,
            InstantRange.ofLocalDates(A_MONDAY, A_MONDAY.plusDays(1), BERLIN));

    assertThat(wallClockStarts(slots, BERLIN)).containsExactly("22:00", "23:00");
  }

  @Test
  void theDefaultHorizonIsSixtyDays() {
    Instant now = at("2026-03-02T12:00+01:00");

    List<Slot> slots =
        SlotEngine.availableSlots(
            aProviderOpenEveryDay(BERLIN, "09:00", "10:00"),
            anHourLongService(),
            List.of(),
            now,
            InstantRange.ofLocalDates(A_MONDAY, A_MONDAY.plusDays(100), BERLIN));

    assertThat(slots).hasSize(60);
    assertThat(slots.get(59).start()).isEqualTo(at("2026-05-01T09:00+02:00"));
  }

  private static List<Slot> mondayInBerlin(SlotSettings settings, Instant now) {
    return SlotEngine.availableSlots(
        OPEN_NINE_TO_FIVE,
        settings,
        List.of(),
        now,
        InstantRange.ofLocalDates(A_MONDAY, A_MONDAY, BERLIN));
  }
}
