package io.calisera.bff.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.common.RefusalCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "Errors" of docs/api.md, code by code. */
class ProblemCodeTest {

  private static final Map<RefusalCode, Integer> CONTRACT =
      Map.ofEntries(
          Map.entry(RefusalCode.SLOT_TAKEN, 409),
          Map.entry(RefusalCode.NOT_A_SLOT, 422),
          Map.entry(RefusalCode.INSIDE_MINIMUM_NOTICE, 422),
          Map.entry(RefusalCode.BEYOND_BOOKING_HORIZON, 422),
          Map.entry(RefusalCode.IN_THE_PAST, 422),
          Map.entry(RefusalCode.CANCELLATION_WINDOW_CLOSED, 422),
          Map.entry(RefusalCode.IDEMPOTENCY_KEY_REUSED, 422),
          Map.entry(RefusalCode.INVALID_STATE, 409),
          Map.entry(RefusalCode.SLUG_TAKEN, 409),
          Map.entry(RefusalCode.IDEMPOTENCY_KEY_IN_FLIGHT, 409),
          Map.entry(RefusalCode.NOT_FOUND, 404),
          Map.entry(RefusalCode.FORBIDDEN, 403),
          Map.entry(RefusalCode.VALIDATION_FAILED, 400));

  @Test
  void everyRefusalMapsToTheContractsStatusUnderItsOwnName() {
    assertThat(CONTRACT).hasSize(RefusalCode.values().length);
    for (RefusalCode refusal : RefusalCode.values()) {
      ProblemCode code = ProblemCode.of(refusal);
      assertThat(code.name()).isEqualTo(refusal.name());
      assertThat(code.status().value()).as(refusal.name()).isEqualTo(CONTRACT.get(refusal));
    }
  }

  @Test
  void typesAreDistinctUris() {
    assertThat(ProblemCode.SLOT_TAKEN.type()).isEqualTo("tag:calisera.io,2026:problems/slot-taken");
    assertThat(
            java.util.Arrays.stream(ProblemCode.values()).map(ProblemCode::type).distinct().count())
        .isEqualTo(ProblemCode.values().length);
  }
}
