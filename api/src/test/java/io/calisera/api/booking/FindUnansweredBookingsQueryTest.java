package io.calisera.api.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FindUnansweredBookingsQueryTest {

  static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");

  @Test
  void aWindowAndABatchSizeMakeAQuery() {
    var query = new FindUnansweredBookingsQuery(FROM, NOW, BookingPage.MAX_PAGE_SIZE);

    assertThat(query.startedFrom()).isEqualTo(FROM);
    assertThat(query.startedBefore()).isEqualTo(NOW);
  }

  @Test
  void badWindowsAndSizesAreRefusedWithTheirReason() {
    assertThatThrownBy(() -> new FindUnansweredBookingsQuery(null, NOW, 10))
        .hasMessageContaining("startedFrom");
    assertThatThrownBy(() -> new FindUnansweredBookingsQuery(FROM, null, 10))
        .hasMessageContaining("startedBefore");
    assertThatThrownBy(() -> new FindUnansweredBookingsQuery(NOW, FROM, 10))
        .hasMessageContaining("to must not be before from");
    assertThatThrownBy(() -> new FindUnansweredBookingsQuery(FROM, NOW, 0))
        .hasMessageContaining("size must be between 1 and 100");
    assertThatThrownBy(() -> new FindUnansweredBookingsQuery(FROM, NOW, 101))
        .hasMessageContaining("size must be between 1 and 100");
  }
}
