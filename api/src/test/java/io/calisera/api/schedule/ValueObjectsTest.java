package io.calisera.api.schedule;

import static io.calisera.api.schedule.SlotFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calisera.api.common.RefusalCode;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

  @Test
  void aBookingOccupiesItsTimeWidenedByItsOwnBuffers() {
    BookedRange booking =
        new BookedRange("b-1", at("2026-03-02T10:00Z"), at("2026-03-02T11:00Z"), 10, 15);

    assertThat(booking.occupiedFrom()).isEqualTo(at("2026-03-02T09:50Z"));
    assertThat(booking.occupiedUntil()).isEqualTo(at("2026-03-02T11:15Z"));
  }

  @Test
  void aBookingMustEndAfterItStartsAndHaveNoNegativeBuffer() {
    assertThatThrownBy(
            () -> BookedRange.of("b-1", at("2026-03-02T10:00Z"), at("2026-03-02T10:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("end must be after start 2026-03-02T10:00:00Z, was 2026-03-02T10:00:00Z");
    assertThatThrownBy(
            () -> new BookedRange("b-1", at("2026-03-02T10:00Z"), at("2026-03-02T11:00Z"), -5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bufferBeforeMinutes must not be negative, was -5");
    assertThatThrownBy(() -> BookedRange.of(null, at("2026-03-02T10:00Z"), at("2026-03-02T11:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bookingId must not be null");
  }

  @Test
  void aSlotMustEndAfterItStarts() {
    assertThatThrownBy(() -> new Slot(at("2026-03-02T10:00Z"), at("2026-03-02T09:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("end must be after start 2026-03-02T10:00:00Z, was 2026-03-02T09:00:00Z");
  }

  @Test
  void aVerdictIsEitherASlotOrAReason() {
    Verdict accepted =
        new Verdict.Accepted(new Slot(at("2026-03-02T10:00Z"), at("2026-03-02T11:00Z")));
    Verdict refused = new Verdict.Refused(SlotRefusal.SLOT_TAKEN);

    assertThat(accepted.isAccepted()).isTrue();
    assertThat(refused.isAccepted()).isFalse();
  }

  @Test
  void eachSlotRefusalIsRefusedWithTheContractsCodeOfTheSameName() {
    for (SlotRefusal reason : SlotRefusal.values()) {
      assertThat(reason.code()).isEqualTo(RefusalCode.valueOf(reason.name()));
    }
  }
}
