package io.calisera.analytics.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.booking.BookingStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentRowsTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant START = Instant.parse("2026-03-29T08:00:00Z");

  @Test
  void keepsWhatABatchCommittedForItsGenerationOnly() {
    RecentRows recent = new RecentRows();
    recent.committed(2, List.of(ProviderFacts.created("p", BERLIN, 7)), List.of(booking("b", 9)));

    assertThat(recent.provider(2, "p")).isEqualTo(new RecentRows.Provider(BERLIN, 7));
    assertThat(recent.booking(2, "b").position).isEqualTo(9);
    assertThat(recent.provider(3, "p")).isNull();
    assertThat(recent.booking(3, "b")).isNull();

    // a batch of the next generation (a rebuild) forgets the old one's rows
    recent.committed(3, List.of(), List.of());
    assertThat(recent.provider(2, "p")).isNull();
    assertThat(recent.booking(2, "b")).isNull();
  }

  @Test
  void aBatchChangesItsOwnCopyNotWhatIsKept() {
    RecentRows recent = new RecentRows();
    BookingFacts committed = booking("b", 9);
    recent.committed(1, List.of(), List.of(committed));
    committed.status = BookingStatus.CANCELLED;

    BookingFacts read = recent.booking(1, "b");
    assertThat(read.status).isEqualTo(BookingStatus.CONFIRMED);
    read.status = BookingStatus.COMPLETED; // a batch that will roll back
    assertThat(recent.booking(1, "b").status).isEqualTo(BookingStatus.CONFIRMED);
  }

  @Test
  void emptiedOnRollbackAndBounded() {
    RecentRows recent = new RecentRows();
    List<BookingFacts> many = new ArrayList<>();
    for (int n = 0; n <= RecentRows.BOOKINGS; n++) {
      many.add(booking("b" + n, n));
    }
    recent.committed(1, List.of(ProviderFacts.created("p", BERLIN, 1)), many);

    assertThat(recent.booking(1, "b0")).isNull(); // the least recently used went first
    assertThat(recent.booking(1, "b" + RecentRows.BOOKINGS)).isNotNull();

    recent.clear();
    assertThat(recent.provider(1, "p")).isNull();
    assertThat(recent.booking(1, "b1")).isNull();
  }

  private static BookingFacts booking(String id, long position) {
    BookingFacts booking =
        new BookingFacts(
            id,
            "p",
            "s",
            BookingStatus.CONFIRMED,
            START.minusSeconds(3600),
            START,
            START.plusSeconds(1800),
            null,
            0,
            0,
            position);
    booking.localize(BERLIN);
    return booking;
  }
}
