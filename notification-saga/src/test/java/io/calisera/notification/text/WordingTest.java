package io.calisera.notification.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.booking.BookingStatus;
import io.calisera.api.notification.NotificationKind;
import io.calisera.notification.notice.BookingFacts;
import io.calisera.notification.testing.Letters;
import io.calisera.notification.text.Wording.Words;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Times in the recipient's zone, with the zone named, on Berlin's spring-forward day. */
class WordingTest {

  /** Sunday 29 March 2026 10:00 in Berlin (summer time since 02:00), 04:00 in New York. */
  private static final Instant START = Instant.parse("2026-03-29T08:00:00Z");

  private static final BookingFacts BOOKING =
      Letters.facts(START, Instant.parse("2026-03-20T12:00:00Z"));

  @Test
  void theCustomerReadsNewYorkTimeAndIsToldSo() {
    Words words = Wording.of(Letters.toTheCustomer(NotificationKind.BOOKING_CONFIRMED, 0, BOOKING));
    assertThat(words.subject())
        .isEqualTo("Confirmed: Haircut with Studio Ana, Sun 29 Mar 04:00 New York time");
    assertThat(words.paragraphs())
        .contains(
            "When: Sunday, 29 March 2026, 04:00–04:45 New York time (America/New_York,"
                + " UTC-04:00)");
    assertThat(words.line()).contains("04:00 New York time");
  }

  @Test
  void theOwnerReadsBerlinSummerTime() {
    Words words = Wording.of(Letters.toTheOwner(NotificationKind.OWNER_NEW_BOOKING, 0, BOOKING));
    assertThat(words.subject())
        .isEqualTo("New booking: Ana, Haircut, Sun 29 Mar 10:00 Berlin time");
    assertThat(words.paragraphs())
        .contains(
            "When: Sunday, 29 March 2026, 10:00–10:45 Berlin time (Europe/Berlin, UTC+02:00)");
  }

  @Test
  void aMoveNamesTheOldTimeAndTheNew() {
    BookingFacts moved =
        BOOKING.movedTo(START.plusSeconds(86_400), START.plusSeconds(86_400 + 2_700), null);
    Words words = Wording.of(Letters.toTheCustomer(NotificationKind.BOOKING_RESCHEDULED, 1, moved));
    assertThat(String.join("\n", words.paragraphs()))
        .contains("from Sunday, 29 March 2026, 04:00–04:45 New York time")
        .contains("When: Monday, 30 March 2026, 04:00–04:45 New York time");
  }

  @Test
  void theOwnerLearnsTheCustomerCancelledAndWhy() {
    BookingFacts cancelled = BOOKING.withStatus(BookingStatus.CANCELLED, "ill");
    Words words =
        Wording.of(Letters.toTheOwner(NotificationKind.OWNER_BOOKING_CHANGED, 1, cancelled));
    assertThat(words.subject()).startsWith("Cancelled by the customer: Ana, Haircut");
    assertThat(words.paragraphs()).contains("Reason given: ill");
  }

  @Test
  void everyKindHasWords() {
    for (NotificationKind kind : NotificationKind.values()) {
      Words words =
          kind.audience() == NotificationKind.Audience.CUSTOMER
              ? Wording.of(Letters.toTheCustomer(kind, 0, BOOKING))
              : Wording.of(Letters.toTheOwner(kind, 0, BOOKING));
      assertThat(words.subject()).as(kind.name()).isNotBlank();
      assertThat(words.line()).as(kind.name()).isNotBlank();
    }
  }
}
