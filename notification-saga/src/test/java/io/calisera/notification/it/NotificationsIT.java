package io.calisera.notification.it;

import static io.calisera.notification.it.Api.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calisera.testing.ServiceProcess;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The notification saga with the real platform, every service as its own process, a real SMTP
 * server (GreenMail, behind {@link SmtpGate}) and an SMS and a push gateway over HTTP: what the
 * customer and the owner read, the calendar that follows the booking, a mail server that is down
 * while bookings go on, and the service killed in the middle of sending.
 */
class NotificationsIT {

  /** Friday 20 March 2026, 13:00 in Berlin: the platform's business time. */
  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

  private static final Duration PATIENCE = Duration.ofMinutes(3);

  @TempDir static Path home;
  static Mailbox mailbox;
  static SmtpGate gate;
  static GatewayStub sms;
  static GatewayStub push;
  static PlatformWithSaga platform;
  static Map<String, String> settings;
  static Api api;

  @BeforeAll
  static void thePlatformWithAMailServerAndGateways() throws Exception {
    mailbox = new Mailbox(ServiceProcess.freePort());
    gate = new SmtpGate(ServiceProcess.freePort(), mailbox.port());
    gate.up();
    sms = new GatewayStub("sms-token", "sms-secret");
    push = new GatewayStub("push-token", "push-secret");
    platform = PlatformWithSaga.start(home, NOW);
    api = new Api(platform.api());
    settings = new HashMap<>();
    settings.put("CALISERA_SMTP_HOST", "127.0.0.1");
    settings.put("CALISERA_SMTP_PORT", Integer.toString(gate.port()));
    settings.put("CALISERA_SMTP_STARTTLS", "false");
    settings.put("CALISERA_SMTP_TIMEOUT", "20s");
    settings.put("CALISERA_MAIL_FROM", "Calisera <notifications@calisera.test>");
    settings.put("CALISERA_SMS_GATEWAY_URL", sms.url());
    settings.put("CALISERA_SMS_GATEWAY_TOKEN", "sms-token");
    settings.put("CALISERA_SMS_GATEWAY_SIGNING_SECRET", "sms-secret");
    settings.put("CALISERA_PUSH_GATEWAY_URL", push.url());
    settings.put("CALISERA_PUSH_GATEWAY_TOKEN", "push-token");
    settings.put("CALISERA_PUSH_GATEWAY_SIGNING_SECRET", "push-secret");
    // quick retries and a short lease, so that the recoveries below take seconds
    settings.put("CALISERA_NOTIFICATIONS_RETRY_FIRST", "1s");
    settings.put("CALISERA_NOTIFICATIONS_RETRY_CAP", "2s");
    settings.put("CALISERA_NOTIFICATIONS_RETRY_MAX_ATTEMPTS", "1000");
    settings.put("CALISERA_NOTIFICATIONS_LEASE", "30s");
    platform.startNotifications(settings, NOW);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {platform, push, sms, gate, mailbox}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // stopping anyway
        }
      }
    }
  }

  @Test
  void aNewYorkCustomerOfABerlinProviderOnTheSpringForwardDayReadsTheirTimeAndTheCalendarFollows()
      throws Exception {
    String owner = api.login("olga.dst@example.com", "Olga");
    Api.Offer offer =
        api.offer(
            owner,
            "Studio Ana",
            "Europe/Berlin",
            "{\"name\":\"Haircut\",\"durationMinutes\":45,\"slotIntervalMinutes\":60}",
            "09:00",
            "17:00");
    // Sunday 29 March 2026: Berlin springs forward at 02:00; 10:00 there is 04:00 in New York
    JsonNode booked =
        ok(
            201,
            api.book(
                null,
                offer,
                "2026-03-29T10:00:00+02:00",
                "{\"name\":\"Nora\",\"email\":\"nora@example.com\",\"phone\":\"+49 170 1234567\","
                    + "\"timeZone\":\"America/New_York\"}"));
    String bookingId = booked.get("bookingId").asString();
    String manageUrl = booked.get("manageUrl").asString();
    String capability = manageUrl.substring(manageUrl.lastIndexOf('/') + 1);

    MimeMessage confirmed = only("nora@example.com", "Confirmed:");
    assertThat(Mailbox.subject(confirmed))
        .isEqualTo("Confirmed: Haircut with Studio Ana, Sun 29 Mar 04:00 New York time");
    assertThat(Mailbox.part(confirmed, "text/plain").orElseThrow())
        .contains("04:00–04:45 New York time (America/New_York, UTC-04:00)")
        .contains(manageUrl);
    assertThat(Mailbox.part(confirmed, "text/html").orElseThrow()).contains(manageUrl);
    assertThat(Mailbox.calendarContentType(confirmed).orElseThrow()).contains("method=REQUEST");
    VEvent placed = event(confirmed, "REQUEST");
    assertThat(value(placed, "UID")).isEqualTo(bookingId);
    assertThat(value(placed, "SEQUENCE")).isEqualTo("0");
    assertThat(value(placed, "DTSTART")).isEqualTo("20260329T080000Z");
    assertThat(value(placed, "DTEND")).isEqualTo("20260329T084500Z");

    MimeMessage toOwner = only("olga.dst@example.com", "New booking:");
    assertThat(Mailbox.subject(toOwner)).contains("10:00 Berlin time");
    assertThat(Mailbox.part(toOwner, "text/plain").orElseThrow())
        .contains("10:00–10:45 Berlin time (Europe/Berlin, UTC+02:00)")
        .doesNotContain(capability);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(sms.accepted())
                    .anySatisfy(
                        request -> {
                          assertThat(request.body()).contains("\"to\":\"+491701234567\"");
                          assertThat(request.body()).contains("04:00 New York time");
                        }));

    ok(
        200,
        api.callWithCapability(
            "POST",
            "/bookings/" + bookingId + "/reschedule",
            capability,
            "{\"start\":\"2026-03-29T11:00:00+02:00\"}"));
    VEvent moved = event(only("nora@example.com", "Moved:"), "REQUEST");
    assertThat(value(moved, "UID")).isEqualTo(bookingId);
    assertThat(value(moved, "SEQUENCE")).isEqualTo("1");
    assertThat(value(moved, "DTSTART")).isEqualTo("20260329T090000Z");
    assertThat(Mailbox.subject(only("olga.dst@example.com", "Moved by the customer:")))
        .contains("11:00 Berlin time");

    ok(
        200,
        api.callWithCapability(
            "POST", "/bookings/" + bookingId + "/cancel", capability, "{\"reason\":\"ill\"}"));
    MimeMessage cancelled = only("nora@example.com", "Cancelled:");
    assertThat(Mailbox.calendarContentType(cancelled).orElseThrow()).contains("method=CANCEL");
    VEvent gone = event(cancelled, "CANCEL");
    assertThat(value(gone, "UID")).isEqualTo(bookingId);
    assertThat(value(gone, "SEQUENCE")).isEqualTo("2");
    assertThat(value(gone, "STATUS")).isEqualTo("CANCELLED");
    only("olga.dst@example.com", "Cancelled by the customer:");

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode records =
                  ok(
                      200,
                      api.call("GET", "/bookings/" + bookingId + "/notifications", owner, null));
              List<String> seen = new ArrayList<>();
              records.forEach(
                  record -> {
                    seen.add(
                        record.get("channel").asString() + " " + record.get("kind").asString());
                    assertThat(record.get("status").asString()).isEqualTo("SENT");
                    assertThat(record.get("attempts").asInt()).isEqualTo(1);
                  });
              assertThat(seen)
                  .containsExactlyInAnyOrder(
                      "EMAIL BOOKING_CONFIRMED",
                      "SMS BOOKING_CONFIRMED",
                      "EMAIL OWNER_NEW_BOOKING",
                      "EMAIL BOOKING_RESCHEDULED",
                      "SMS BOOKING_RESCHEDULED",
                      "EMAIL OWNER_BOOKING_CHANGED",
                      "EMAIL BOOKING_CANCELLED",
                      "SMS BOOKING_CANCELLED",
                      "EMAIL OWNER_BOOKING_CHANGED");
            });
    assertEveryMessageArrivedOnce();
  }

  @Test
  void aSignedInCustomersDevicesGetPush() {
    String owner = api.login("olga.push@example.com", "Olga");
    Api.Offer offer =
        api.offer(
            owner,
            "Studio Push",
            "Europe/Berlin",
            "{\"name\":\"Massage\",\"durationMinutes\":30}",
            "09:00",
            "17:00");
    String customer = api.login("paul@example.com", "Paul");
    ok(
        201,
        api.call(
            "POST", "/me/devices", customer, "{\"platform\":\"FCM\",\"token\":\"fcm-paul-0001\"}"));
    String bookingId =
        ok(201, api.book(customer, offer, "2026-03-24T09:00:00+01:00", null))
            .get("bookingId")
            .asString();
    // the device is certainly known by the time of the move
    only("paul@example.com", "Confirmed:");
    ok(
        200,
        api.call(
            "POST",
            "/bookings/" + bookingId + "/reschedule",
            customer,
            "{\"start\":\"2026-03-24T10:00:00+01:00\"}"));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(push.accepted())
                    .anySatisfy(
                        request -> {
                          assertThat(request.body()).contains("\"token\":\"fcm-paul-0001\"");
                          assertThat(request.body()).contains("\"kind\":\"BOOKING_RESCHEDULED\"");
                          assertThat(request.body()).contains("\"platform\":\"FCM\"");
                        }));
    JsonNode records =
        ok(200, api.call("GET", "/bookings/" + bookingId + "/notifications", customer, null));
    List<String> pushes = new ArrayList<>();
    records.forEach(
        record -> {
          if (record.get("channel").asString().equals("PUSH")) {
            pushes.add(record.get("recipient").asString() + " " + record.get("status").asString());
          }
        });
    assertThat(pushes).contains("FCM …aul-0001 SENT");
    assertThat(push.refused()).isEmpty();
  }

  @Test
  void withTheMailServerDownBookingsGoOnAndEveryMailGoesOutOnceAfterItIsBack() {
    String owner = api.login("olga.down@example.com", "Olga");
    Api.Offer offer =
        api.offer(
            owner,
            "Studio Busy",
            "UTC",
            "{\"name\":\"Check\",\"durationMinutes\":15}",
            "00:00",
            "24:00");
    Instant first = Instant.parse("2026-03-23T00:00:00Z");
    List<Duration> up = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      up.add(bookGuest(offer, first, i, "up").took());
    }
    gate.down();
    List<Duration> down = new ArrayList<>();
    List<String> downBookings = new ArrayList<>();
    try {
      for (int i = 20; i < 120; i++) {
        Api.Answer answer = bookGuest(offer, first, i, "down");
        assertThat(answer.status())
            .as("booking " + i + " with the mail server down")
            .isEqualTo(201);
        down.add(answer.took());
        downBookings.add(answer.body().get("bookingId").asString());
      }
      System.out.printf(
          "Booking latency, mail server up (20): p50 %d ms, max %d ms; down (100): p50 %d ms,"
              + " p95 %d ms, max %d ms%n",
          percentile(up, 50),
          percentile(up, 100),
          percentile(down, 50),
          percentile(down, 95),
          percentile(down, 100));
      assertThat(percentile(down, 50))
          .as("a booking takes as long with the mail server down as with it up")
          .isLessThanOrEqualTo(2 * percentile(up, 50) + 250);
      String sample = downBookings.get(0);
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () -> {
                JsonNode email = email(owner, sample, "BOOKING_CONFIRMED");
                assertThat(email.get("status").asString()).isEqualTo("PENDING");
                assertThat(email.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
              });
    } finally {
      gate.up();
    }
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(mailbox.to("olga.down@example.com", "New booking:")).hasSize(120);
              for (int i = 0; i < 120; i++) {
                assertThat(mailbox.to(guest(i), "Confirmed:")).as(guest(i)).hasSize(1);
              }
            });
    // the first booking made while it was down was tried then (above); every one is sent now
    JsonNode recovered = email(owner, downBookings.get(0), "BOOKING_CONFIRMED");
    assertThat(recovered.get("status").asString()).isEqualTo("SENT");
    assertThat(recovered.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
    int retried = 0;
    for (String bookingId : downBookings) {
      JsonNode email = email(owner, bookingId, "BOOKING_CONFIRMED");
      assertThat(email.get("status").asString()).as(bookingId).isEqualTo("SENT");
      retried += email.get("attempts").asInt() > 1 ? 1 : 0;
    }
    System.out.printf("Mail server down: %d of 100 confirmations needed a retry%n", retried);
    assertEveryMessageArrivedOnce();
  }

  @Test
  void killedInTheMiddleOfSendingItLosesNothingAndSendsNothingTwice() throws Exception {
    String owner = api.login("olga.kill@example.com", "Olga");
    Api.Offer offer =
        api.offer(
            owner,
            "Studio Crash",
            "Europe/Berlin",
            "{\"name\":\"Trim\",\"durationMinutes\":20}",
            "09:00",
            "17:00");
    gate.holdBeforeEndOfData();
    String bookingId =
        ok(
                201,
                api.book(
                    null,
                    offer,
                    "2026-03-25T09:00:00+01:00",
                    "{\"name\":\"Kim\",\"email\":\"kim@example.com\"}"))
            .get("bookingId")
            .asString();
    assertThat(gate.awaitHeld(PATIENCE.toSeconds()))
        .as("a message reached the server without its end")
        .isTrue();
    ServiceProcess notifications = platform.notifications();
    notifications.kill();
    gate.passEverything();
    assertThat(mailbox.to("kim@example.com", "Confirmed:")).isEmpty();

    platform.startNotifications(settings, NOW);
    MimeMessage toKim = only("kim@example.com", "Confirmed:");
    only("olga.kill@example.com", "New booking:");
    assertThat(Mailbox.messageId(toKim)).contains(bookingId);
    JsonNode email = email(owner, bookingId, "BOOKING_CONFIRMED");
    assertThat(email.get("status").asString()).isEqualTo("SENT");
    assertThat(email.get("attempts").asInt())
        .as("the attempt cut short by the kill, then the one that went through")
        .isGreaterThanOrEqualTo(2);
    assertEveryMessageArrivedOnce();
  }

  private static Api.Answer bookGuest(Api.Offer offer, Instant first, int i, String phase) {
    Api.Answer answer =
        api.book(
            null,
            offer,
            first.plus(Duration.ofMinutes(15L * i)).toString(),
            "{\"name\":\"Guest " + i + "\",\"email\":\"" + guest(i) + "\"}");
    ok(201, answer);
    return answer;
  }

  private static String guest(int i) {
    return "guest-" + i + "@example.com";
  }

  private static JsonNode email(String token, String bookingId, String kind) {
    JsonNode records =
        ok(200, api.call("GET", "/bookings/" + bookingId + "/notifications", token, null));
    for (JsonNode record : records) {
      if (record.get("channel").asString().equals("EMAIL")
          && record.get("kind").asString().equals(kind)) {
        return record;
      }
    }
    throw new AssertionError("no " + kind + " email for " + bookingId + ": " + records);
  }

  private static long percentile(List<Duration> took, int percentile) {
    List<Long> millis = new ArrayList<>(took.stream().map(Duration::toMillis).toList());
    Collections.sort(millis);
    int index =
        Math.min(millis.size() - 1, (int) Math.ceil(percentile / 100.0 * millis.size()) - 1);
    return millis.get(Math.max(index, 0));
  }

  /** The one message to {@code address} whose subject starts with {@code subject}. */
  private static MimeMessage only(String address, String subject) {
    await().atMost(PATIENCE).until(() -> !mailbox.to(address, subject).isEmpty());
    List<MimeMessage> messages = mailbox.to(address, subject);
    assertThat(messages).as(subject + " to " + address).hasSize(1);
    return messages.get(0);
  }

  private static VEvent event(MimeMessage message, String method) throws Exception {
    Calendar calendar =
        new CalendarBuilder()
            .build(new StringReader(Mailbox.part(message, "text/calendar").orElseThrow()));
    assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo(method);
    return calendar.<VEvent>getComponent("VEVENT").orElseThrow();
  }

  private static String value(VEvent event, String property) {
    return event.getProperty(property).orElseThrow().getValue();
  }

  private static void assertEveryMessageArrivedOnce() {
    assertThat(mailbox.copiesByMessageId())
        .allSatisfy((id, copies) -> assertThat(copies).as(id).isEqualTo(1));
  }
}
