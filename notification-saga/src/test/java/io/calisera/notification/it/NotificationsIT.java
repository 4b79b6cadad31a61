package io.calisera.notification.it;

import static io.calisera.testing.ApiClient.everyDay;
import static io.calisera.testing.ApiClient.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.calisera.testing.ApiClient;
import io.calisera.testing.ServiceProcess;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notification saga with the real platform, every service as its own process, a real SMTP
 * server (GreenMail, behind {@link SmtpGate}) and an SMS and a push gateway over HTTP, one platform
 * for every test here, in the order they need it:
 *
 * <ol>
 *   <li>the service's first start on a platform that already has bookings: it tells nobody about
 *       them (its saga processor starts at the head of the event stream), declines the one still
 *       pending at its start (that processor reads from the beginning), and tells about the
 *       bookings made after it started (the bookings are made before the service first starts);
 *   <li>what the customer and the owner read, the calendar that follows the booking, push to a
 *       device until it is removed, a mail server that is down while bookings go on, and the
 *       service killed in the middle of sending;
 *   <li>last, since it moves the service's clock on by restarting it with a later {@code
 *       calisera.fixed-now} (its deadlines are durable; a restart is what a long downtime looks
 *       like too): the reminders, at the times their service sets, 24 real hours before a start on
 *       the day after Berlin's spring-forward and not earlier, never for a moved booking's old
 *       time, none an hour before a booking made 30 minutes before its start.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsIT {

  /** Friday 20 March 2026, 13:00 in Berlin: the platform's business time. */
  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

  /** A booking that waits for its owner's answer, made before the service's first start. */
  private static final String PENDING_START = "2026-03-20T13:30:00+01:00";

  /**
   * The notification service's business clock: a second past the pending booking's start, so that
   * its first start declines it.
   */
  private static final Instant SERVICE_NOW = Instant.parse(PENDING_START).plusSeconds(1);

  private static final Duration PATIENCE = Duration.ofMinutes(3);

  @TempDir static Path home;
  static Mailbox mailbox;
  static SmtpGate gate;
  static GatewayStub sms;
  static GatewayStub push;
  static PlatformWithSaga platform;
  static Map<String, String> settings;
  static ApiClient api;

  /** What {@link #existingBookingsAreNotToldNewOnesAreToldAndTheUnansweredOneIsDeclined} finds. */
  static String earlyOwner;

  static ApiClient.Offer earlyOffer;
  static String earlyPending;

  @BeforeAll
  static void thePlatformWithBookingsAMailServerAndGatewaysAndThenTheService() throws Exception {
    mailbox = new Mailbox(ServiceProcess.freePort());
    gate = new SmtpGate(ServiceProcess.freePort(), mailbox.port());
    gate.up();
    sms = new GatewayStub("sms-token", "sms-secret");
    push = new GatewayStub("push-token", "push-secret");
    platform = PlatformWithSaga.start(home, NOW);
    api = new ApiClient(platform.api());
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
    bookingsMadeBeforeTheServiceFirstStarts();
    platform.startNotifications(settings, SERVICE_NOW);
  }

  /** Five confirmed bookings and one that waits for its owner, whose start comes before long. */
  private static void bookingsMadeBeforeTheServiceFirstStarts() {
    earlyOwner = api.devLogin("olga.first@example.com", "Olga");
    earlyOffer =
        api.offer(
            earlyOwner,
            "Old Studio",
            "Europe/Berlin",
            "{\"name\":\"Cut\",\"durationMinutes\":30}",
            everyDay("09:00", "17:00"));
    ApiClient.Offer asking =
        api.offer(
            earlyOwner,
            "Asking Studio",
            "Europe/Berlin",
            "{\"name\":\"Consult\",\"durationMinutes\":30,\"requiresConfirmation\":true}",
            everyDay("09:00", "17:00"));
    for (int i = 0; i < 5; i++) {
      ok(
          201,
          api.book(
              null,
              earlyOffer,
              "2026-03-2" + (3 + i) + "T10:00:00+01:00",
              "{\"name\":\"Early\",\"email\":\"early-" + i + "@example.com\"}"));
    }
    earlyPending =
        ok(
                201,
                api.book(
                    null,
                    asking,
                    PENDING_START,
                    "{\"name\":\"Waiting\",\"email\":\"waiting@example.com\"}"))
            .get("bookingId")
            .asText();
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
  @Order(1)
  void existingBookingsAreNotToldNewOnesAreToldAndTheUnansweredOneIsDeclined() {
    ok(
        201,
        api.book(
            null,
            earlyOffer,
            "2026-03-27T11:00:00+01:00",
            "{\"name\":\"Late\",\"email\":\"late@example.com\"}"));
    only("late@example.com", "Confirmed:");
    only("olga.first@example.com", "New booking:");

    assertThat(mailbox.all())
        .as("only the booking made after the first start was told, to its customer and owner")
        .hasSize(2);
    assertThat(Records.of(api, earlyOwner, earlyPending)).isEmpty();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode booking = ok(200, api.get("/bookings/" + earlyPending, earlyOwner));
              assertThat(booking.get("status").asText()).isEqualTo("DECLINED");
              JsonNode history = booking.get("history");
              assertThat(history.get(history.size() - 1).get("by").asText()).isEqualTo("system");
            });
    assertThat(Records.of(api, earlyOwner, earlyPending))
        .as("nobody is told about a booking made before the first start, its decline included")
        .isEmpty();
  }

  @Test
  @Order(2)
  void aNewYorkCustomerOfABerlinProviderOnTheSpringForwardDayReadsTheirTimeAndTheCalendarFollows()
      throws Exception {
    String owner = api.devLogin("olga.dst@example.com", "Olga");
    ApiClient.Offer offer =
        api.offer(
            owner,
            "Studio Ana",
            "Europe/Berlin",
            "{\"name\":\"Haircut\",\"durationMinutes\":45,\"slotIntervalMinutes\":60}",
            everyDay("09:00", "17:00"));
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
    String bookingId = booked.get("bookingId").asText();
    String manageUrl = booked.get("manageUrl").asText();
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
        api.withCapability(
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
        api.withCapability(
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
                  ok(200, api.get("/bookings/" + bookingId + "/notifications", owner));
              List<String> seen = new ArrayList<>();
              records.forEach(
                  record -> {
                    seen.add(record.get("channel").asText() + " " + record.get("kind").asText());
                    assertThat(record.get("status").asText()).isEqualTo("SENT");
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
  @Order(3)
  void aSignedInCustomersDeviceGetsPushUntilItIsRemoved() {
    String owner = api.devLogin("olga.push@example.com", "Olga");
    ApiClient.Offer offer =
        api.offer(
            owner,
            "Studio Push",
            "Europe/Berlin",
            "{\"name\":\"Massage\",\"durationMinutes\":30}",
            everyDay("09:00", "17:00"));
    String customer = api.devLogin("paul@example.com", "Paul");
    ok(
        201,
        api.post("/me/devices", customer, "{\"platform\":\"FCM\",\"token\":\"fcm-paul-0001\"}"));
    String bookingId =
        ok(201, api.book(customer, offer, "2026-03-24T09:00:00+01:00", null))
            .get("bookingId")
            .asText();
    awaitPush(bookingId, "BOOKING_CONFIRMED");
    ok(
        200,
        api.post(
            "/bookings/" + bookingId + "/reschedule",
            customer,
            "{\"start\":\"2026-03-24T10:00:00+01:00\"}"));
    awaitPush(bookingId, "BOOKING_RESCHEDULED");
    assertThat(pushRecords(customer, bookingId, "BOOKING_RESCHEDULED"))
        .containsExactly("FCM …aul-0001 SENT");

    assertThat(api.delete("/me/devices/fcm-paul-0001", customer).status()).isEqualTo(204);
    ok(200, api.post("/bookings/" + bookingId + "/cancel", customer, "{\"reason\":\"no time\"}"));
    only("paul@example.com", "Cancelled:");
    only("olga.push@example.com", "Cancelled by the customer:");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(Records.of(api, customer, bookingId, "EMAIL", "BOOKING_CANCELLED"))
                    .singleElement()
                    .satisfies(
                        email -> assertThat(email.get("status").asText()).isEqualTo("SENT")));
    assertThat(pushRecords(customer, bookingId, "BOOKING_CANCELLED"))
        .as("the removed device is not addressed")
        .isEmpty();
    assertThat(push.accepted())
        .as("nothing reached the push gateway for the cancellation")
        .noneSatisfy(
            request -> {
              assertThat(request.body()).contains(bookingId);
              assertThat(request.body()).contains("\"kind\":\"BOOKING_CANCELLED\"");
            });
    assertThat(push.refused()).isEmpty();
  }

  private static void awaitPush(String bookingId, String kind) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(push.accepted())
                    .anySatisfy(
                        request -> {
                          assertThat(request.body()).contains("\"token\":\"fcm-paul-0001\"");
                          assertThat(request.body()).contains("\"bookingId\":\"" + bookingId);
                          assertThat(request.body()).contains("\"kind\":\"" + kind + "\"");
                          assertThat(request.body()).contains("\"platform\":\"FCM\"");
                        }));
  }

  /** The push records of one kind about a booking: recipient and status. */
  private static List<String> pushRecords(String token, String bookingId, String kind) {
    return Records.of(api, token, bookingId, "PUSH", kind).stream()
        .map(record -> record.get("recipient").asText() + " " + record.get("status").asText())
        .toList();
  }

  @Test
  @Order(4)
  void withTheMailServerDownBookingsGoOnAndEveryMailGoesOutOnceAfterItIsBack() {
    String owner = api.devLogin("olga.down@example.com", "Olga");
    ApiClient.Offer offer =
        api.offer(
            owner,
            "Studio Busy",
            "UTC",
            "{\"name\":\"Check\",\"durationMinutes\":15}",
            everyDay("00:00", "24:00"));
    Instant first = Instant.parse("2026-03-23T00:00:00Z");
    List<Duration> up = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      up.add(bookGuestAt(offer, first, i).took());
    }
    // down only once these are delivered: going down drops the open connections, and a message
    // whose server had it but whose answer was cut would rightly be sent again (decision 0008)
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(mailbox.to("olga.down@example.com", "New booking:")).hasSize(20);
              for (int i = 0; i < 20; i++) {
                assertThat(mailbox.to(guest(i), "Confirmed:")).as(guest(i)).hasSize(1);
              }
            });
    gate.down();
    List<Duration> down = new ArrayList<>();
    List<String> downBookings = new ArrayList<>();
    try {
      for (int i = 20; i < 120; i++) {
        ApiClient.Answer answer = bookGuestAt(offer, first, i);
        assertThat(answer.status())
            .as("booking " + i + " with the mail server down")
            .isEqualTo(201);
        down.add(answer.took());
        downBookings.add(answer.tree().get("bookingId").asText());
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
                assertThat(email.get("status").asText()).isEqualTo("PENDING");
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
    assertThat(recovered.get("status").asText()).isEqualTo("SENT");
    assertThat(recovered.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
    int retried = 0;
    for (String bookingId : downBookings) {
      JsonNode email = email(owner, bookingId, "BOOKING_CONFIRMED");
      assertThat(email.get("status").asText()).as(bookingId).isEqualTo("SENT");
      retried += email.get("attempts").asInt() > 1 ? 1 : 0;
    }
    System.out.printf("Mail server down: %d of 100 confirmations needed a retry%n", retried);
    assertEveryMessageArrivedOnce();
  }

  @Test
  @Order(5)
  void killedInTheMiddleOfSendingItLosesNothingAndSendsNothingTwice() throws Exception {
    String owner = api.devLogin("olga.kill@example.com", "Olga");
    ApiClient.Offer offer =
        api.offer(
            owner,
            "Studio Crash",
            "Europe/Berlin",
            "{\"name\":\"Trim\",\"durationMinutes\":20}",
            everyDay("09:00", "17:00"));
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
            .asText();
    assertThat(gate.awaitHeld(PATIENCE.toSeconds()))
        .as("a message reached the server without its end")
        .isTrue();
    ServiceProcess notifications = platform.notifications();
    notifications.kill();
    gate.passEverything();
    assertThat(mailbox.to("kim@example.com", "Confirmed:")).isEmpty();

    platform.startNotifications(settings, SERVICE_NOW);
    MimeMessage toKim = only("kim@example.com", "Confirmed:");
    only("olga.kill@example.com", "New booking:");
    assertThat(Mailbox.messageId(toKim)).contains(bookingId);
    JsonNode email = email(owner, bookingId, "BOOKING_CONFIRMED");
    assertThat(email.get("status").asText()).isEqualTo("SENT");
    assertThat(email.get("attempts").asInt())
        .as("the attempt cut short by the kill, then the one that went through")
        .isGreaterThanOrEqualTo(2);
    assertEveryMessageArrivedOnce();
  }

  // ---- reminders: last, since they move the service's clock on

  /** Monday 30 March 2026, 00:30 in Berlin (summer time since Sunday 02:00). */
  private static final String A_START = "2026-03-30T00:30:00+02:00";

  /** 24 real hours before A: Saturday 28 March, 23:30 winter time. */
  private static final Instant A_DAY_BEFORE = Instant.parse("2026-03-28T22:30:00Z");

  private static final Instant A_HOUR_BEFORE = Instant.parse("2026-03-29T21:30:00Z");

  /**
   * Half an hour before A, moved away at once: its old reminders (Saturday 22:00 UTC, Sunday 21:00
   * UTC) fall due before A's, so each restart that fires one of A's has passed one of B's too.
   */
  private static final String B_START = "2026-03-30T00:00:00+02:00";

  private static final String B_MOVED = "2026-04-06T01:30:00+02:00";

  /** Half an hour after the service's clock when it is booked. */
  private static final String C_START = "2026-03-20T14:00:00+01:00";

  /**
   * Two bookings of a service that reminds 35 minutes before the start: D1's reminder is due when
   * the service is restarted five minutes before C's start, D2's five minutes before A's day-before
   * reminder. Each shows a service's own reminder time, and, arriving, that the deadlines due
   * before it have fired: so what has not arrived by then did not fire.
   */
  private static final String D1_START = "2026-03-20T14:30:00+01:00";

  private static final Instant D1_REMINDER = Instant.parse("2026-03-20T12:55:00Z");
  private static final String D2_START = "2026-03-29T00:00:00+01:00";
  private static final Instant D2_REMINDER = Instant.parse("2026-03-28T22:25:00Z");

  @Test
  @Order(6)
  void remindersFireAtTheirServicesTimesOnTimeAndOnlyForTheBookingAsItIsNow() {
    String owner = api.devLogin("olga.night@example.com", "Olga");
    ApiClient.Offer night =
        api.offer(
            owner,
            "Night Studio",
            "Europe/Berlin",
            "{\"name\":\"Session\",\"durationMinutes\":30}",
            everyDay("00:00", "24:00"));
    ApiClient.Offer early =
        api.offer(
            owner,
            "Early Studio",
            "Europe/Berlin",
            "{\"name\":\"Wake-up\",\"durationMinutes\":30,\"reminderMinutes\":[35]}",
            everyDay("00:00", "24:00"));
    String a = bookGuest(night, A_START, "anna@example.com");
    String b = bookGuest(night, B_START, "ben@example.com");
    String c = bookGuest(night, C_START, "cleo@example.com");
    String d1 = bookGuest(early, D1_START, "dora@example.com");
    String d2 = bookGuest(early, D2_START, "dino@example.com");
    ok(
        200,
        api.withCapability(
            "POST",
            "/bookings/" + b + "/reschedule",
            capabilities.get(b),
            "{\"start\":\"" + B_MOVED + "\"}"));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              for (String booking : List.of(a, c, d1, d2)) {
                assertThat(sent(owner, booking, "BOOKING_CONFIRMED")).as(booking).isTrue();
              }
              assertThat(sent(owner, b, "BOOKING_RESCHEDULED")).isTrue();
            });

    // five minutes before C's start: a one-hour reminder, had it been scheduled, is long due
    restartAt(D1_REMINDER);
    assertThat(awaitReminder(owner, d1, D1_REMINDER).get("status").asText()).isEqualTo("SENT");
    assertThat(Mailbox.subject(only("dora@example.com", "Reminder:")))
        .isEqualTo("Reminder: Wake-up with Early Studio, Fri 20 Mar 14:30 Berlin time");
    assertNoReminderFor(owner, c);

    // five minutes before A's day-before reminder, past B's old one
    restartAt(D2_REMINDER);
    awaitReminder(owner, d2, D2_REMINDER);
    assertNoReminderFor(owner, a);
    assertNoReminderFor(owner, b);

    restartAt(A_DAY_BEFORE);
    JsonNode dayBefore = awaitReminder(owner, a, A_DAY_BEFORE);
    assertThat(dayBefore.get("status").asText()).isEqualTo("SENT");
    assertThat(Mailbox.subject(only("anna@example.com", "Reminder:")))
        .isEqualTo("Reminder: Session with Night Studio, Mon 30 Mar 00:30 Berlin time");
    assertNoReminderFor(owner, b);

    // A's hour-before, past B's old hour-before (B's old start, 22:00 UTC, still ahead)
    restartAt(A_HOUR_BEFORE);
    awaitReminder(owner, a, A_HOUR_BEFORE);
    await().atMost(PATIENCE).until(() -> mailbox.to("anna@example.com", "Reminder:").size() == 2);
    assertNoReminderFor(owner, b);
    assertNoReminderFor(owner, c);
    assertThat(mailbox.to("ben@example.com", "Reminder:")).isEmpty();
    assertThat(mailbox.to("cleo@example.com", "Reminder:")).isEmpty();
    assertThat(Records.of(api, owner, d1, "EMAIL", "REMINDER")).hasSize(1);
    assertThat(Records.of(api, owner, d2, "EMAIL", "REMINDER")).hasSize(1);
    assertEveryMessageArrivedOnce();
  }

  /** Each guest booking's capability, from its manage link. */
  private static final Map<String, String> capabilities = new ConcurrentHashMap<>();

  private static String bookGuest(ApiClient.Offer offer, String start, String email) {
    JsonNode booked =
        ok(201, api.book(null, offer, start, "{\"name\":\"Guest\",\"email\":\"" + email + "\"}"));
    String manageUrl = booked.get("manageUrl").asText();
    String bookingId = booked.get("bookingId").asText();
    capabilities.put(bookingId, manageUrl.substring(manageUrl.lastIndexOf('/') + 1));
    return bookingId;
  }

  private static void restartAt(Instant clock) {
    platform.notifications().stop();
    platform.startNotifications(settings, clock);
  }

  private static boolean sent(String owner, String bookingId, String kind) {
    List<JsonNode> emails = Records.of(api, owner, bookingId, "EMAIL", kind);
    return !emails.isEmpty() && emails.get(0).get("status").asText().equals("SENT");
  }

  /**
   * No reminder about the booking is recorded. Called once a reminder due later than any that could
   * fire here has been recorded: deadlines fire in the order they fall due.
   */
  private static void assertNoReminderFor(String owner, String bookingId) {
    assertThat(Records.of(api, owner, bookingId, "EMAIL", "REMINDER")).isEmpty();
  }

  private static JsonNode awaitReminder(String owner, String bookingId, Instant due) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                Records.of(api, owner, bookingId, "EMAIL", "REMINDER").stream()
                    .anyMatch(record -> due(record).equals(due) && sentRecord(record)));
    return Records.of(api, owner, bookingId, "EMAIL", "REMINDER").stream()
        .filter(record -> due(record).equals(due))
        .findFirst()
        .orElseThrow();
  }

  private static boolean sentRecord(JsonNode record) {
    return record.get("status").asText().equals("SENT");
  }

  private static Instant due(JsonNode record) {
    return OffsetDateTime.parse(record.get("scheduledFor").asText()).toInstant();
  }

  private static ApiClient.Answer bookGuestAt(ApiClient.Offer offer, Instant first, int i) {
    ApiClient.Answer answer =
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
    JsonNode records = ok(200, api.get("/bookings/" + bookingId + "/notifications", token));
    for (JsonNode record : records) {
      if (record.get("channel").asText().equals("EMAIL")
          && record.get("kind").asText().equals(kind)) {
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
