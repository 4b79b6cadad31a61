package io.calisera.notification.it;

import static io.calisera.notification.it.Api.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calisera.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The notification saga's first start on a platform that already has bookings: it tells nobody
 * about them (its saga processor starts at the head of the event stream), but it does decline the
 * one still pending at its start (that processor reads from the beginning), and it tells the
 * customers of the bookings made after it started.
 */
class FirstStartIT {

  /** Friday 20 March 2026, 13:00 in Berlin. */
  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

  private static final String PENDING_START = "2026-03-20T14:00:00+01:00";
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  @TempDir static Path home;
  static Mailbox mailbox;
  static PlatformWithSaga platform;
  static Api api;

  @BeforeAll
  static void start() {
    mailbox = new Mailbox(ServiceProcess.freePort());
    platform = PlatformWithSaga.start(home, NOW);
    api = new Api(platform.api());
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
    if (mailbox != null) {
      mailbox.close();
    }
  }

  @Test
  void existingBookingsAreNotToldNewOnesAreToldAndTheUnansweredOneIsDeclined() {
    String owner = api.login("olga.first@example.com", "Olga");
    Api.Offer plain =
        api.offer(
            owner,
            "Old Studio",
            "Europe/Berlin",
            "{\"name\":\"Cut\",\"durationMinutes\":30}",
            "09:00",
            "17:00");
    Api.Offer asking =
        api.offer(
            owner,
            "Asking Studio",
            "Europe/Berlin",
            "{\"name\":\"Consult\",\"durationMinutes\":30,\"requiresConfirmation\":true}",
            "09:00",
            "17:00");
    for (int i = 0; i < 5; i++) {
      ok(
          201,
          api.book(
              null,
              plain,
              "2026-03-2" + (3 + i) + "T10:00:00+01:00",
              "{\"name\":\"Early\",\"email\":\"early-" + i + "@example.com\"}"));
    }
    String pending =
        ok(
                201,
                api.book(
                    null,
                    asking,
                    PENDING_START,
                    "{\"name\":\"Waiting\",\"email\":\"waiting@example.com\"}"))
            .get("bookingId")
            .asString();

    // first start, its clock a second past the pending booking's start
    platform.startNotifications(
        Map.of(
            "CALISERA_SMTP_HOST", "127.0.0.1",
            "CALISERA_SMTP_PORT", Integer.toString(mailbox.port()),
            "CALISERA_SMTP_STARTTLS", "false"),
        Instant.parse(PENDING_START).plusSeconds(1));

    ok(
        201,
        api.book(
            null,
            plain,
            "2026-03-27T11:00:00+01:00",
            "{\"name\":\"Late\",\"email\":\"late@example.com\"}"));
    await().atMost(PATIENCE).until(() -> !mailbox.to("late@example.com", "Confirmed:").isEmpty());
    await()
        .atMost(PATIENCE)
        .until(() -> mailbox.to("olga.first@example.com", "New booking:").size() == 1);

    assertThat(mailbox.all())
        .as("only the booking made after the first start was told, to its customer and owner")
        .hasSize(2);
    assertThat(Records.of(api, owner, pending)).isEmpty();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode booking = ok(200, api.call("GET", "/bookings/" + pending, owner, null));
              assertThat(booking.get("status").asString()).isEqualTo("DECLINED");
              JsonNode history = booking.get("history");
              assertThat(history.get(history.size() - 1).get("by").asString()).isEqualTo("system");
            });
  }
}
