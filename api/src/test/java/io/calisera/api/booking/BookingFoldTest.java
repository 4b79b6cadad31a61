package io.calisera.api.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one fold of a booking's events: {@link BookingState#after} and {@link BookingRecord}. */
class BookingFoldTest {

  private static final Instant PLACED_AT = Instant.parse("2026-06-01T08:00:00Z");
  private static final Instant START = Instant.parse("2026-06-10T09:00:00Z");
  private static final Customer BO =
      new Customer("Bo Chen", "bo@example.com", null, ZoneId.of("Europe/Berlin"));

  private static BookingPlacedEvent placed(BookingStatus status) {
    return new BookingPlacedEvent(
        "p1",
        "b1",
        "s1",
        START,
        START.plusSeconds(1800),
        5,
        10,
        60,
        status,
        BO,
        "customer-1",
        "window seat",
        "customer-1",
        PLACED_AT,
        List.of(60));
  }

  private static BookingRescheduledEvent moved(Instant from, Instant to, Instant at) {
    return new BookingRescheduledEvent(
        "p1",
        "b1",
        from,
        from.plusSeconds(1800),
        to,
        to.plusSeconds(2700),
        0,
        15,
        "later",
        "owner-1",
        at,
        null);
  }

  @Test
  void placingStartsTheBookingFromItsEvent() {
    BookingState state = BookingState.after(null, placed(BookingStatus.PENDING));

    assertThat(state)
        .isEqualTo(
            new BookingState(
                "b1",
                "s1",
                "customer-1",
                START,
                START.plusSeconds(1800),
                5,
                10,
                60,
                BookingStatus.PENDING));
    assertThat(state.isLive()).isTrue();
    assertThat(state.customerDeadline()).isEqualTo(START.minusSeconds(3600));
    assertThat(state.range().start()).isEqualTo(START);
  }

  @Test
  void movingChangesTimeAndBuffersOnly() {
    Instant later = START.plusSeconds(86_400);
    BookingState state =
        BookingState.after(
            BookingState.after(null, placed(BookingStatus.PENDING)),
            moved(START, later, PLACED_AT.plusSeconds(60)));

    assertThat(state)
        .isEqualTo(
            new BookingState(
                "b1",
                "s1",
                "customer-1",
                later,
                later.plusSeconds(2700),
                0,
                15,
                60,
                BookingStatus.PENDING));
  }

  @Test
  void eachOtherEventSetsItsStatus() {
    BookingState pending = BookingState.after(null, placed(BookingStatus.PENDING));
    Instant at = PLACED_AT.plusSeconds(60);

    assertThat(BookingState.after(pending, new BookingConfirmedEvent("p1", "b1", "o", at)).status())
        .isEqualTo(BookingStatus.CONFIRMED);
    assertThat(
            BookingState.after(pending, new BookingDeclinedEvent("p1", "b1", null, "o", at))
                .status())
        .isEqualTo(BookingStatus.DECLINED);
    assertThat(
            BookingState.after(pending, new BookingCancelledEvent("p1", "b1", null, "o", at))
                .status())
        .isEqualTo(BookingStatus.CANCELLED);
    assertThat(BookingState.after(pending, new BookingCompletedEvent("p1", "b1", "o", at)).status())
        .isEqualTo(BookingStatus.COMPLETED);
    BookingState noShow =
        BookingState.after(pending, new BookingMarkedNoShowEvent("p1", "b1", "o", at));
    assertThat(noShow.status()).isEqualTo(BookingStatus.NO_SHOW);
    assertThat(noShow.isLive()).isFalse();
    assertThat(noShow.start()).isEqualTo(pending.start());
  }

  @Test
  void anEventOfABookingNeverPlacedGivesNothing() {
    assertThat(BookingState.after(null, new BookingConfirmedEvent("p1", "b1", "o", PLACED_AT)))
        .isNull();
    assertThat(
            BookingRecord.replay(List.of(new BookingCancelledEvent("p1", "b1", null, "o", START))))
        .isEmpty();
    assertThat(BookingRecord.replay(List.of())).isEmpty();
  }

  @Test
  void anEventOfAnotherBookingIsRefused() {
    BookingState state = BookingState.after(null, placed(BookingStatus.CONFIRMED));

    assertThatThrownBy(
            () -> BookingState.after(state, new BookingConfirmedEvent("p1", "b2", "o", START)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRecordAddsWhatPlacingSaidAndOneHistoryEntryPerEvent() {
    Instant later = START.plusSeconds(86_400);
    Instant movedAt = PLACED_AT.plusSeconds(60);
    Instant cancelledAt = PLACED_AT.plusSeconds(120);

    BookingView view =
        BookingRecord.replay(
                List.of(
                    placed(BookingStatus.CONFIRMED),
                    moved(START, later, movedAt),
                    new BookingCancelledEvent("p1", "b1", "ill", "customer-1", cancelledAt)))
            .orElseThrow()
            .view();

    assertThat(view)
        .isEqualTo(
            new BookingView(
                "b1",
                BookingStatus.CANCELLED,
                "p1",
                "s1",
                later,
                later.plusSeconds(2700),
                BO,
                "customer-1",
                "window seat",
                PLACED_AT,
                List.of(
                    new BookingView.HistoryEntry(PLACED_AT, "PLACED", "customer-1"),
                    new BookingView.HistoryEntry(movedAt, "RESCHEDULED", "owner-1"),
                    new BookingView.HistoryEntry(cancelledAt, "CANCELLED", "customer-1"))));
  }

  @Test
  void theHistoryNamesEveryKindOfEvent() {
    Instant at = PLACED_AT;
    assertThat(
            List.<BookingEvent>of(
                    placed(BookingStatus.PENDING),
                    moved(START, START, at),
                    new BookingConfirmedEvent("p1", "b1", "o", at),
                    new BookingDeclinedEvent("p1", "b1", null, "o", at),
                    new BookingCancelledEvent("p1", "b1", null, "o", at),
                    new BookingCompletedEvent("p1", "b1", "o", at),
                    new BookingMarkedNoShowEvent("p1", "b1", "o", at))
                .stream()
                .map(BookingRecord::type))
        .containsExactly(
            "PLACED", "RESCHEDULED", "CONFIRMED", "DECLINED", "CANCELLED", "COMPLETED", "NO_SHOW");
  }
}
