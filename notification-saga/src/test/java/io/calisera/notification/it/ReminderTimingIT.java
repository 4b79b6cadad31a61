package io.calisera.notification.it;

import static io.calisera.notification.it.Api.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calisera.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Reminders on the notification saga's own clock, moved forward by restarting the service with
 * another {@code calisera.fixed-now} (its deadlines are durable; a restart is what a long downtime
 * looks like too): the day-before reminder fires 24 real hours before a start on the day after
 * Berlin's spring-forward (not at the same wall-clock time a day before, which is an hour later),
 * and not minutes earlier; a moved booking's old reminders never fire; a booking made 30 minutes
 * before its start gets no one-hour reminder. (The deadlines' scheduler lets a clock that stands
 * still run on in real time from where it stands, so "earlier" is checked five minutes before.)
 */
class ReminderTimingIT {

  /** Wednesday 25 March 2026, 13:00 in Berlin: when every booking below is made. */
  private static final Instant NOW = Instant.parse("2026-03-25T12:00:00Z");

  /** Monday 30 March 2026, 00:30 in Berlin (summer time since Sunday 02:00). */
  private static final String A_START = "2026-03-30T00:30:00+02:00";

  /** 24 real hours before A: Saturday 28 March, 23:30 winter time. */
  private static final Instant A_DAY_BEFORE = Instant.parse("2026-03-28T22:30:00Z");

  private static final Instant A_HOUR_BEFORE = Instant.parse("2026-03-29T21:30:00Z");

  private static final String B_START = "2026-03-30T01:30:00+02:00";
  private static final String B_MOVED = "2026-04-06T01:30:00+02:00";

  /** 30 minutes after {@link #NOW}. */
  private static final String C_START = "2026-03-25T13:30:00+01:00";

  private static final Duration QUIET = Duration.ofSeconds(8);
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  @TempDir static Path home;
  static Mailbox mailbox;
  static PlatformWithSaga platform;
  static Api api;
  static Map<String, String> settings;

  @BeforeAll
  static void start() {
    mailbox = new Mailbox(ServiceProcess.freePort());
    platform = PlatformWithSaga.start(home, NOW);
    api = new Api(platform.api());
    settings =
        Map.of(
            "CALISERA_SMTP_HOST", "127.0.0.1",
            "CALISERA_SMTP_PORT", Integer.toString(mailbox.port()),
            "CALISERA_SMTP_STARTTLS", "false");
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
  void remindersFireOnTimeAndOnlyForTheBookingAsItIsNow() {
    platform.startNotifications(settings, NOW);
    String owner = api.login("olga.night@example.com", "Olga");
    Api.Offer offer =
        api.offer(
            owner,
            "Night Studio",
            "Europe/Berlin",
            "{\"name\":\"Session\",\"durationMinutes\":30}",
            "00:00",
            "24:00");
    String a = book(offer, A_START, "anna@example.com");
    String b = book(offer, B_START, "ben@example.com");
    String c = book(offer, C_START, "cleo@example.com");
    String bCapability = capability(b);
    ok(
        200,
        api.callWithCapability(
            "POST",
            "/bookings/" + b + "/reschedule",
            bCapability,
            "{\"start\":\"" + B_MOVED + "\"}"));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(sent(owner, a, "BOOKING_CONFIRMED")).isTrue();
              assertThat(sent(owner, b, "BOOKING_RESCHEDULED")).isTrue();
              assertThat(sent(owner, c, "BOOKING_CONFIRMED")).isTrue();
            });

    // five minutes before C's start: a one-hour reminder, had it been scheduled, is long due
    restartAt(Instant.parse("2026-03-25T12:25:00Z"));
    assertNoReminderFor(owner, c);

    restartAt(A_DAY_BEFORE.minus(Duration.ofMinutes(5)));
    assertNoReminderFor(owner, a);

    restartAt(A_DAY_BEFORE);
    JsonNode dayBefore = awaitReminder(owner, a, A_DAY_BEFORE);
    assertThat(dayBefore.get("status").asString()).isEqualTo("SENT");
    assertThat(Mailbox.subject(mailbox.to("anna@example.com", "Reminder:").get(0)))
        .isEqualTo("Reminder: Session with Night Studio, Mon 30 Mar 00:30 Berlin time");

    // past B's old day-before (Saturday 23:30 UTC) and A's hour-before, before A's start
    restartAt(Instant.parse("2026-03-29T22:00:00Z"));
    awaitReminder(owner, a, A_HOUR_BEFORE);
    assertNoReminderFor(owner, b);
    // past B's old hour-before too (Sunday 22:30 UTC, B's old start 23:30 UTC)
    restartAt(Instant.parse("2026-03-29T23:31:00Z"));
    assertNoReminderFor(owner, b);
    assertThat(mailbox.to("ben@example.com", "Reminder:")).isEmpty();
    assertThat(mailbox.to("anna@example.com", "Reminder:")).hasSize(2);
    assertThat(mailbox.copiesByMessageId())
        .allSatisfy((id, copies) -> assertThat(copies).isEqualTo(1));
  }

  private static String book(Api.Offer offer, String start, String email) {
    JsonNode booked =
        ok(201, api.book(null, offer, start, "{\"name\":\"Guest\",\"email\":\"" + email + "\"}"));
    capabilities.put(booked.get("bookingId").asString(), booked.get("manageUrl").asString());
    return booked.get("bookingId").asString();
  }

  private static final Map<String, String> capabilities =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String capability(String bookingId) {
    String url = capabilities.get(bookingId);
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private static void restartAt(Instant clock) {
    platform.notifications().stop();
    platform.startNotifications(settings, clock);
  }

  private static boolean sent(String owner, String bookingId, String kind) {
    List<JsonNode> emails = Records.of(api, owner, bookingId, "EMAIL", kind);
    return !emails.isEmpty() && emails.get(0).get("status").asString().equals("SENT");
  }

  private static void assertNoReminderFor(String owner, String bookingId) {
    await().pollDelay(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> true);
    assertThat(Records.of(api, owner, bookingId, "EMAIL", "REMINDER")).isEmpty();
  }

  private static JsonNode awaitReminder(String owner, String bookingId, Instant due) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                Records.of(api, owner, bookingId, "EMAIL", "REMINDER").stream()
                    .anyMatch(record -> due(record).equals(due)));
    return Records.of(api, owner, bookingId, "EMAIL", "REMINDER").stream()
        .filter(record -> due(record).equals(due))
        .findFirst()
        .orElseThrow();
  }

  private static Instant due(JsonNode record) {
    return OffsetDateTime.parse(record.get("scheduledFor").asString()).toInstant();
  }
}
