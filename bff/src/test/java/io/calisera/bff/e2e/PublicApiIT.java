package io.calisera.bff.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.calisera.bff.e2e.EventStream.Event;
import io.calisera.bff.gateway.ReadYourWrites;
import io.calisera.bff.testing.BffInThisJvm;
import io.calisera.bff.testing.SharedPlatform;
import io.calisera.testing.ApiClient;
import io.calisera.testing.ApiClient.Answer;
import io.calisera.testing.PlatformProcesses;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public API end to end, through real HTTP: the hub, the command side and the query side as the
 * built jars in their own processes, the bff in this JVM ({@link SharedPlatform}); every test makes
 * its own provider. Business time is Thursday 2025-03-27 09:00 in Berlin, three days before the
 * clocks there go forward.
 */
@ExtendWith(SharedPlatform.class)
@Order(1) // business time: March 2025
class PublicApiIT {

  private static final Logger LOG = LoggerFactory.getLogger(PublicApiIT.class);

  /** Thursday 2025-03-27 09:00 in Berlin (+01:00 until Sunday 02:00, then +02:00). */
  static final Instant NOW = SharedPlatform.STARTS_AT;

  /** 60 minutes, booked at least 2 hours ahead and at most 14 days, cancelled until 1 h before. */
  static final String CUT =
      "{\"name\":\"Cut\",\"durationMinutes\":60,\"minimumNoticeMinutes\":120,"
          + "\"maxDaysInAdvance\":14,\"cancellationNoticeMinutes\":60}";

  /** 30 minutes, to be confirmed by the owner, cancelled by customers until 2 days before. */
  static final String CONSULT =
      "{\"name\":\"Consult\",\"durationMinutes\":30,\"cancellationNoticeMinutes\":2880,"
          + "\"requiresConfirmation\":true}";

  static final int MAX_STREAMS = SharedPlatform.LIVE_SLOTS_MAX_STREAMS;

  static PlatformProcesses platform;
  static BffInThisJvm bff;
  static ApiClient http;

  @BeforeAll
  static void takeThePlatform(SharedPlatform.Running shared) {
    platform = shared.platform();
    bff = shared.bff();
    http = new ApiClient(platform.bffUrl() + "/api/v1");
  }

  @AfterAll
  static void readYourWritesWaits() {
    LOG.info("Read-your-writes waits: {}", bff.bean(ReadYourWrites.class).stats());
  }

  /** Business time starts at {@link #NOW} in every test (the bff's clock, which a test moves). */
  @BeforeEach
  void businessTimeIsNow() {
    bff.clock().set(NOW);
  }

  /** A provider open every day 09:00-17:00 in Berlin with a cut and a consultation. */
  record Salon(
      String ownerEmail, String owner, String providerId, String slug, String cut, String consult) {

    String slots(String serviceId, String query) {
      return "/providers/" + providerId + "/services/" + serviceId + "/slots?" + query;
    }

    String book(String serviceId, String start) {
      return "{\"providerId\":\""
          + providerId
          + "\",\"serviceId\":\""
          + serviceId
          + "\",\"start\":\""
          + start
          + "\"}";
    }

    String bookAsGuest(String serviceId, String start) {
      return book(serviceId, start)
          .replace("}", ",\"customer\":{\"name\":\"Gail Guest\",\"email\":\"gail@example.com\"}}");
    }
  }

  static Salon aSalonInBerlin() {
    String ownerEmail = email("owner");
    String owner = login(ownerEmail, "owner");
    Answer created =
        http.post(
            "/providers",
            owner,
            "{\"displayName\":\"Salon "
                + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"timeZone\":\"Europe/Berlin\",\"city\":\"Berlin\",\"category\":\"Hair\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String providerId = created.json("$.providerId");
    String cut = service(owner, providerId, CUT);
    String consult = service(owner, providerId, CONSULT);
    StringBuilder weekly = new StringBuilder();
    for (String day :
        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
      weekly.append(weekly.isEmpty() ? "" : ",");
      weekly.append("{\"day\":\"" + day + "\",\"start\":\"09:00\",\"end\":\"17:00\"}");
    }
    Answer hours =
        http.put(
            "/providers/" + providerId + "/availability", owner, "{\"weekly\":[" + weekly + "]}");
    assertThat(hours.status()).as(hours.toString()).isEqualTo(200);
    return new Salon(ownerEmail, owner, providerId, created.json("$.slug"), cut, consult);
  }

  static String service(String owner, String providerId, String json) {
    Answer added = http.post("/providers/" + providerId + "/services", owner, json);
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    return added.json("$.serviceId");
  }

  static String email(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  /** A fresh person's token. */
  static String login(String name) {
    return login(email(name), name);
  }

  /** A token of the account of {@code email}, issued at the bff's current business time. */
  static String login(String email, String name) {
    Answer login =
        http.post(
            "/auth/dev-login",
            null,
            "{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"roles\":[]}");
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    return login.json("$.accessToken");
  }

  static List<String> starts(Answer slots) {
    assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
    return slots.json("$.slots[*].start");
  }

  static Answer book(String token, String json, String idempotencyKey) {
    return http.send(
        "POST",
        "/bookings",
        token,
        json,
        idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
  }

  static String capabilityOf(Answer created) {
    String manageUrl = created.json("$.manageUrl");
    return manageUrl.substring(manageUrl.lastIndexOf('/') + 1);
  }

  @Test
  void slotsAreWrittenWithTheOffsetsOfTheZoneAskedIn() {
    Salon salon = aSalonInBerlin();

    List<String> berlin =
        starts(http.get(salon.slots(salon.cut(), "from=2025-03-29&to=2025-03-31"), null));
    assertThat(berlin).hasSize(24);
    assertThat(berlin.get(0)).isEqualTo("2025-03-29T09:00:00+01:00");
    assertThat(berlin.get(8)).isEqualTo("2025-03-30T09:00:00+02:00"); // after the switch
    assertThat(berlin.get(23)).isEqualTo("2025-03-31T16:00:00+02:00");

    Answer tokyo =
        http.get(
            salon.slots(salon.cut(), "from=2025-03-31&to=2025-03-31&timeZone=Asia/Tokyo"), null);
    assertThat((String) tokyo.json("$.timeZone")).isEqualTo("Asia/Tokyo");
    assertThat(starts(tokyo))
        .hasSize(8)
        .first()
        .isEqualTo("2025-03-31T16:00:00+09:00"); // Monday 09:00 in Berlin
    assertThat((List<String>) tokyo.json("$.slots[*].end"))
        .last()
        .isEqualTo("2025-04-01T00:00:00+09:00");
  }

  @Test
  void aCustomerAndAGuestBookAndARetryWithTheSameKeyAnswersTheSameAndBooksNothing() {
    Salon salon = aSalonInBerlin();
    String customer = login("cara");
    String key = UUID.randomUUID().toString();
    String monday = "from=2025-03-31&to=2025-03-31";

    Answer first = book(customer, salon.book(salon.cut(), "2025-03-31T10:00:00+02:00"), key);
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat((String) first.json("$.status")).isEqualTo("CONFIRMED");
    assertThat((String) first.json("$.start")).isEqualTo("2025-03-31T10:00:00+02:00");
    Answer again = book(customer, salon.book(salon.cut(), "2025-03-31T08:00:00Z"), key);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers()).containsEntry("idempotent-replayed", "true");
    assertThat(starts(http.get(salon.slots(salon.cut(), monday), null)))
        .doesNotContain("2025-03-31T10:00:00+02:00")
        .contains("2025-03-31T11:00:00+02:00");

    String guestKey = UUID.randomUUID().toString();
    Answer guest =
        book(null, salon.bookAsGuest(salon.cut(), "2025-03-31T11:00:00+02:00"), guestKey);
    assertThat(guest.status()).as(guest.toString()).isEqualTo(201);
    Answer guestAgain =
        book(null, salon.bookAsGuest(salon.cut(), "2025-03-31T11:00:00+02:00"), guestKey);
    assertThat(guestAgain.body()).isEqualTo(guest.body());
    assertThat((String) guestAgain.json("$.manageUrl")).startsWith(platform.bffUrl() + "/manage/");
    assertThat(starts(http.get(salon.slots(salon.cut(), monday), null)))
        .doesNotContain("2025-03-31T11:00:00+02:00");

    Answer agenda = http.get("/providers/" + salon.providerId() + "/bookings", salon.owner());
    assertThat((Integer) agenda.json("$.total")).isEqualTo(2);

    // the capability opens its booking, and no other
    String guestBooking = guest.json("$.bookingId");
    String customerBooking = first.json("$.bookingId");
    Map<String, String> capability = Map.of("Booking-Capability", capabilityOf(guest));
    Answer seen = http.send("GET", "/bookings/" + guestBooking, null, null, capability);
    assertThat(seen.status()).isEqualTo(200);
    assertThat((String) seen.json("$.customer.name")).isEqualTo("Gail Guest");
    assertThat(http.send("GET", "/bookings/" + customerBooking, null, null, capability).status())
        .isEqualTo(403);

    Answer reused = book(customer, salon.book(salon.cut(), "2025-03-31T12:00:00+02:00"), key);
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(starts(http.get(salon.slots(salon.cut(), monday), null)))
        .contains("2025-03-31T12:00:00+02:00");
  }

  @Test
  void aBookingMovesAlsoOntoItsOwnTimeAndCancellingFreesItsSlot() {
    Salon salon = aSalonInBerlin();
    String customer = login("cara");
    String tuesday = "from=2025-04-01&to=2025-04-01";
    Answer booked = book(customer, salon.book(salon.cut(), "2025-04-01T10:00:00+02:00"), null);
    String path = "/bookings/" + booked.json("$.bookingId");

    Answer same =
        http.post(path + "/reschedule", customer, "{\"start\":\"2025-04-01T10:00:00+02:00\"}");
    assertThat(same.status()).as(same.toString()).isEqualTo(200);
    assertThat((String) same.json("$.start")).isEqualTo("2025-04-01T10:00:00+02:00");

    Answer moved =
        http.post(
            path + "/reschedule",
            customer,
            "{\"start\":\"2025-04-01T12:00:00+02:00\",\"reason\":\"later\"}");
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat((String) moved.json("$.start")).isEqualTo("2025-04-01T12:00:00+02:00");
    assertThat((String) moved.json("$.bookingId")).isEqualTo(booked.json("$.bookingId"));
    assertThat((List<String>) moved.json("$.history[*].type"))
        .containsExactly("PLACED", "RESCHEDULED", "RESCHEDULED");
    assertThat(starts(http.get(salon.slots(salon.cut(), tuesday), null)))
        .contains("2025-04-01T10:00:00+02:00")
        .doesNotContain("2025-04-01T12:00:00+02:00");

    Answer cancelled = http.post(path + "/cancel", customer, "{\"reason\":\"ill\"}");
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat((String) cancelled.json("$.status")).isEqualTo("CANCELLED");
    assertThat(starts(http.get(salon.slots(salon.cut(), tuesday), null)))
        .contains("2025-04-01T12:00:00+02:00");

    Answer twice = http.post(path + "/cancel", customer, null);
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.code()).isEqualTo("INVALID_STATE");
    Answer moveCancelled =
        http.post(path + "/reschedule", customer, "{\"start\":\"2025-04-01T13:00:00+02:00\"}");
    assertThat(moveCancelled.status()).isEqualTo(409);
    assertThat(moveCancelled.code()).isEqualTo("INVALID_STATE");
  }

  @Test
  void refusalsHaveTheContractsStatusAndCode() {
    Salon salon = aSalonInBerlin();
    String customer = login("cara");
    String other = login("otto");
    assertThat(book(customer, salon.book(salon.cut(), "2025-03-28T10:00:00+01:00"), null).status())
        .isEqualTo(201);

    assertRefused(
        book(other, salon.book(salon.cut(), "2025-03-28T10:00:00+01:00"), null), 409, "SLOT_TAKEN");
    assertRefused(
        book(other, salon.book(salon.cut(), "2025-03-28T10:30:00+01:00"), null), 422, "NOT_A_SLOT");
    assertRefused(
        book(other, salon.book(salon.cut(), "2025-03-28T18:00:00+01:00"), null), 422, "NOT_A_SLOT");
    // now is 09:00; the cut needs 2 hours' notice
    assertRefused(
        book(other, salon.book(salon.cut(), "2025-03-27T10:00:00+01:00"), null),
        422,
        "INSIDE_MINIMUM_NOTICE");
    // 14 days ahead at most: Thursday 2025-04-10 is the last
    assertRefused(
        book(other, salon.book(salon.cut(), "2025-04-11T10:00:00+02:00"), null),
        422,
        "BEYOND_BOOKING_HORIZON");
    assertRefused(
        book(other, salon.book(salon.cut(), "2025-03-26T10:00:00+01:00"), null),
        422,
        "IN_THE_PAST");

    // the consultation may be cancelled by customers until 2 days before it
    Answer consult = book(customer, salon.book(salon.consult(), "2025-03-28T14:00:00+01:00"), null);
    assertThat(consult.status()).as(consult.toString()).isEqualTo(201);
    assertThat((String) consult.json("$.status")).isEqualTo("PENDING");
    String consultPath = "/bookings/" + consult.json("$.bookingId");
    assertRefused(
        http.post(consultPath + "/cancel", customer, "{}"), 422, "CANCELLATION_WINDOW_CLOSED");
    assertRefused(
        http.post(
            consultPath + "/reschedule", customer, "{\"start\":\"2025-03-28T11:00:00+01:00\"}"),
        422,
        "CANCELLATION_WINDOW_CLOSED");
    assertThat(http.post(consultPath + "/confirm", salon.owner(), null).status()).isEqualTo(200);
    assertRefused(http.post(consultPath + "/confirm", salon.owner(), null), 409, "INVALID_STATE");
    assertRefused(http.post(consultPath + "/decline", salon.owner(), "{}"), 409, "INVALID_STATE");
    Answer byOwner = http.post(consultPath + "/cancel", salon.owner(), "{\"reason\":\"away\"}");
    assertThat(byOwner.status()).as(byOwner.toString()).isEqualTo(200);
    assertThat((String) byOwner.json("$.status")).isEqualTo("CANCELLED");

    // who may: another customer neither sees nor changes it, a stranger is not its owner
    assertRefused(http.get(consultPath, other), 403, "FORBIDDEN");
    assertRefused(http.post(consultPath + "/cancel", other, "{}"), 403, "FORBIDDEN");
    assertRefused(http.post(consultPath + "/confirm", customer, null), 403, "FORBIDDEN");
    assertRefused(http.get(consultPath, null), 401, "UNAUTHENTICATED");
  }

  @Test
  void theOwnerClosesBookingsOnceTheyHaveStarted() {
    Salon salon = aSalonInBerlin();
    String customer = login("cara");
    String eleven =
        book(customer, salon.book(salon.cut(), "2025-03-27T11:00:00+01:00"), null)
            .json("$.bookingId");
    String noon =
        book(customer, salon.book(salon.cut(), "2025-03-27T12:00:00+01:00"), null)
            .json("$.bookingId");
    assertRefused(
        http.post("/bookings/" + eleven + "/complete", salon.owner(), null), 409, "INVALID_STATE");

    bff.clock().set(Instant.parse("2025-03-27T11:30:00Z")); // 12:30 in Berlin
    String owner = login("owner-later"); // tokens of 09:00 have expired; log the owner in anew
    Answer ownersOwn =
        http.put(
            "/providers/" + salon.providerId(),
            owner,
            "{\"displayName\":\"x\",\"timeZone\":\"Europe/Berlin\"}");
    assertThat(ownersOwn.status()).as("another account is not the owner").isEqualTo(403);

    String sameOwner = login(salon.ownerEmail(), "owner");
    Answer completed = http.post("/bookings/" + eleven + "/complete", sameOwner, null);
    assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
    assertThat((String) completed.json("$.status")).isEqualTo("COMPLETED");
    Answer noShow = http.post("/bookings/" + noon + "/no-show", sameOwner, null);
    assertThat(noShow.status()).as(noShow.toString()).isEqualTo(200);
    assertThat((String) noShow.json("$.status")).isEqualTo("NO_SHOW");
  }

  @Test
  void everyChangeIsSeenByTheReadThatFollowsIt() {
    ReadYourWrites.Stats before = bff.bean(ReadYourWrites.class).stats();
    String owner = login("owner");
    String customer = login("cara");
    List<Long> changes = new ArrayList<>();

    long t = System.nanoTime();
    Answer created =
        http.post(
            "/providers", owner, "{\"displayName\":\"Fresh\",\"timeZone\":\"Europe/Berlin\"}");
    changes.add(System.nanoTime() - t);
    String providerId = created.json("$.providerId");
    String provider = "/providers/" + providerId;
    assertThat(http.get("/providers/" + created.json("$.slug"), null).status()).isEqualTo(200);

    t = System.nanoTime();
    String serviceId = service(owner, providerId, CUT);
    changes.add(System.nanoTime() - t);
    assertThat((List<String>) http.get(provider, null).json("$.services[*].serviceId"))
        .containsExactly(serviceId);

    t = System.nanoTime();
    assertThat(
            http.put(
                    provider + "/availability",
                    owner,
                    "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"12:00\"}]}")
                .status())
        .isEqualTo(200);
    changes.add(System.nanoTime() - t);
    assertThat((List<String>) http.get(provider + "/availability", null).json("$.weekly[*].end"))
        .containsExactly("12:00");
    String slots = provider + "/services/" + serviceId + "/slots?from=2025-03-31&to=2025-03-31";
    assertThat(starts(http.get(slots, null)))
        .containsExactly(
            "2025-03-31T09:00:00+02:00", "2025-03-31T10:00:00+02:00", "2025-03-31T11:00:00+02:00");

    t = System.nanoTime();
    assertThat(
            http.put(
                    provider, owner, "{\"displayName\":\"Renamed\",\"timeZone\":\"Europe/Berlin\"}")
                .status())
        .isEqualTo(200);
    changes.add(System.nanoTime() - t);
    assertThat((String) http.get(provider, null).json("$.displayName")).isEqualTo("Renamed");

    assertThat((List<Integer>) http.get(provider, null).json("$.services[0].reminderMinutes"))
        .as("the default reminders, 24 h and 1 h before")
        .containsExactly(1440, 60);
    t = System.nanoTime();
    Answer changedService =
        http.put(
            provider + "/services/" + serviceId,
            owner,
            CUT.replace(
                "\"durationMinutes\":60", "\"durationMinutes\":90,\"reminderMinutes\":[30]"));
    changes.add(System.nanoTime() - t);
    assertThat(changedService.status()).isEqualTo(200);
    assertThat((List<Integer>) changedService.json("$.reminderMinutes")).containsExactly(30);
    assertThat((List<Integer>) http.get(provider, null).json("$.services[0].reminderMinutes"))
        .containsExactly(30);
    assertThat(starts(http.get(slots, null)))
        .containsExactly("2025-03-31T09:00:00+02:00", "2025-03-31T10:30:00+02:00");

    t = System.nanoTime();
    Answer booked =
        book(
            customer,
            "{\"providerId\":\""
                + providerId
                + "\",\"serviceId\":\""
                + serviceId
                + "\",\"start\":\"2025-03-31T09:00:00+02:00\"}",
            null);
    changes.add(System.nanoTime() - t);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    String booking = "/bookings/" + booked.json("$.bookingId");
    assertThat(http.get(booking, customer).status()).isEqualTo(200);
    assertThat(starts(http.get(slots, null))).containsExactly("2025-03-31T10:30:00+02:00");
    assertThat((Integer) http.get(provider + "/bookings", owner).json("$.total")).isEqualTo(1);
    assertThat((Integer) http.get("/me/bookings", customer).json("$.total")).isEqualTo(1);

    t = System.nanoTime();
    assertThat(
            http.put(
                    provider + "/availability",
                    owner,
                    "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"13:00\"}]}")
                .status())
        .isEqualTo(200);
    changes.add(System.nanoTime() - t);
    t = System.nanoTime();
    assertThat(
            http.post(
                    booking + "/reschedule", customer, "{\"start\":\"2025-03-31T10:30:00+02:00\"}")
                .status())
        .isEqualTo(200);
    changes.add(System.nanoTime() - t);
    assertThat((String) http.get(booking, customer).json("$.start"))
        .isEqualTo("2025-03-31T10:30:00+02:00");
    assertThat(starts(http.get(slots, null))).containsExactly("2025-03-31T09:00:00+02:00");

    t = System.nanoTime();
    assertThat(http.post(booking + "/cancel", customer, null).status()).isEqualTo(200);
    changes.add(System.nanoTime() - t);
    assertThat((String) http.get(booking, customer).json("$.status")).isEqualTo("CANCELLED");
    assertThat(starts(http.get(slots, null))).hasSize(2);
    assertThat((Integer) http.get(provider + "/bookings?status=CONFIRMED", owner).json("$.total"))
        .isZero();

    String consult = service(owner, providerId, CONSULT);
    Answer pending =
        book(
            customer,
            "{\"providerId\":\""
                + providerId
                + "\",\"serviceId\":\""
                + consult
                + "\",\"start\":\"2025-03-31T11:00:00+02:00\"}",
            null);
    t = System.nanoTime();
    assertThat(
            http.post("/bookings/" + pending.json("$.bookingId") + "/confirm", owner, null)
                .status())
        .isEqualTo(200);
    changes.add(System.nanoTime() - t);
    assertThat(
            (String)
                http.get("/bookings/" + pending.json("$.bookingId"), customer).json("$.status"))
        .isEqualTo("CONFIRMED");

    t = System.nanoTime();
    assertThat(http.delete(provider + "/services/" + serviceId, owner).status()).isEqualTo(204);
    changes.add(System.nanoTime() - t);
    assertThat((List<String>) http.get(provider, null).json("$.services[*].serviceId"))
        .containsExactly(consult);
    assertThat(starts(http.get(slots, null))).isEmpty();

    ReadYourWrites.Stats after = bff.bean(ReadYourWrites.class).stats();
    assertThat(after.gaveUp())
        .as("every change waited until the read models had it")
        .isEqualTo(before.gaveUp());
    LOG.info(
        "Changes through HTTP (ms): {}; read-your-writes so far: {}",
        changes.stream().map(n -> String.valueOf(n / 1_000_000)).collect(Collectors.joining(", ")),
        after);
  }

  @Test
  void badRequestsAreProblemsAndNeverServerErrors() throws Exception {
    Salon salon = aSalonInBerlin();
    String customer = login("cara");

    Answer malformed = http.post("/bookings", customer, "{\"providerId\": ");
    assertRefused(malformed, 400, "MALFORMED_REQUEST");
    assertThat(malformed.headers().get("content-type")).startsWith("application/problem+json");
    assertRefused(
        http.get(
            salon.slots(salon.cut(), "from=2025-03-31&to=2025-03-31&timeZone=Moon/Base"), null),
        400,
        "VALIDATION_FAILED");
    assertRefused(
        http.post(
            "/providers", customer, "{\"displayName\":\"X\",\"timeZone\":\"Europe/Nowhere\"}"),
        400,
        "VALIDATION_FAILED");
    String big =
        salon
            .book(salon.cut(), "2025-03-31T10:00:00+02:00")
            .replace("}", ",\"notes\":\"" + "x".repeat(70_000) + "\"}");
    assertRefused(http.post("/bookings", customer, big), 413, "PAYLOAD_TOO_LARGE");
    assertRefused(
        http.postChunked("/bookings", customer, big.getBytes(StandardCharsets.UTF_8)),
        413,
        "PAYLOAD_TOO_LARGE");

    String longId = "a".repeat(100);
    String b = "/bookings/";
    String p = "/providers/";
    List<String[]> requests =
        List.of(
            new String[] {"GET", p + longId, null},
            new String[] {"GET", p + "%E2%9C%93", null},
            new String[] {"GET", p + "a".repeat(101), null},
            new String[] {"GET", p + longId + "/availability", null},
            new String[] {"GET", p + longId + "/qr", null},
            new String[] {"GET", p + salon.providerId() + "/qr?format=bmp", null},
            new String[] {"GET", p + salon.providerId() + "/qr?size=-3", null},
            new String[] {
              "GET",
              p + longId + "/services/" + longId + "/slots?from=2025-03-31&to=2025-03-31",
              null
            },
            new String[] {"GET", salon.slots(salon.cut(), "from=2025-03-31&to=2025-03-30"), null},
            new String[] {"GET", salon.slots(salon.cut(), "from=2025-03-02&to=2025-05-31"), null},
            new String[] {"GET", salon.slots(salon.cut(), "from=0000-01-01&to=0000-01-02"), null},
            new String[] {"GET", salon.slots(salon.cut(), "from=2026-3-30&to=2025-03-31"), null},
            new String[] {"GET", "/providers?size=0", null},
            new String[] {"GET", "/providers?page=abc", null},
            new String[] {"GET", "/providers?q=" + "q".repeat(201), null},
            new String[] {"GET", b + longId, customer},
            new String[] {"GET", b + "a%00b", customer},
            new String[] {"POST", b + longId + "/cancel", customer},
            new String[] {"POST", b + longId + "/confirm", customer},
            new String[] {"GET", "/me/bookings?from=9999999-01-01", customer},
            new String[] {"GET", "/me/bookings?status=GONE", customer},
            new String[] {"GET", p + salon.providerId() + "/bookings?to=whenever", salon.owner()},
            new String[] {
              "POST",
              "/bookings",
              customer,
              "{\"providerId\":\""
                  + longId
                  + "\",\"serviceId\":\"x\",\"start\":\"2025-03-31T10:00:00+02:00\"}"
            },
            new String[] {
              "POST", "/bookings", customer, salon.book(salon.cut(), "2025-03-31T10:00:00.5+02:00")
            },
            new String[] {
              "POST", "/bookings", customer, salon.book(salon.cut(), "+999999999-12-31T23:59:59Z")
            },
            new String[] {
              "POST", "/bookings", customer, salon.book(longId, "2025-03-31T10:00:00+02:00")
            },
            new String[] {"POST", "/bookings", customer, "{\"providerId\":[1],\"serviceId\":{}}"},
            new String[] {
              "PUT",
              p + salon.providerId() + "/availability",
              salon.owner(),
              "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"09:00\"},{\"day\":\"MONDAY\",\"start\":\"10:00\",\"end\":\"11:00\"}]}"
            },
            new String[] {
              "PUT",
              p + salon.providerId() + "/availability",
              salon.owner(),
              "{\"overrides\":[{\"date\":\"0001-01-01\",\"intervals\":[]}]}"
            },
            new String[] {
              "POST",
              p + salon.providerId() + "/services",
              salon.owner(),
              "{\"name\":\"X\",\"durationMinutes\":2147483648}"
            },
            new String[] {
              "PUT",
              p + salon.providerId(),
              salon.owner(),
              "{\"displayName\":\"X\",\"timeZone\":\"Europe/Berlin\",\"slug\":\"NO\"}"
            });
    for (String[] request : requests) {
      String token = request.length > 2 ? request[2] : null;
      String body = request.length > 3 ? request[3] : null;
      Answer answer =
          body == null
              ? http.send(request[0], request[1], token, null, Map.of())
              : http.send(request[0], request[1], token, body, Map.of());
      assertThat(answer.status())
          .as(request[0] + " " + request[1] + " -> " + answer)
          .isBetween(400, 499);
      assertThat(answer.headers().get("content-type"))
          .as(answer.toString())
          .startsWith("application/problem+json");
    }
  }

  @Test
  void manyCustomersRaceForOneSlotAndExactlyOneGetsIt() throws Exception {
    Salon salon = aSalonInBerlin();
    int customers = 32;
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      tokens.add(login("racer" + i));
    }
    String slot = "2025-04-02T10:00:00+02:00";
    ExecutorService threads = Executors.newFixedThreadPool(customers);
    List<Answer> answers = new ArrayList<>();
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Answer>> futures = new ArrayList<>();
      for (String token : tokens) {
        futures.add(
            threads.submit(
                () -> {
                  go.await();
                  return book(token, salon.book(salon.cut(), slot), null);
                }));
      }
      go.countDown();
      for (Future<Answer> future : futures) {
        answers.add(future.get(2, TimeUnit.MINUTES));
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(answers)
        .allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isIn(201, 409));
    assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
    assertThat(answers)
        .filteredOn(answer -> answer.status() == 409)
        .hasSize(customers - 1)
        .allSatisfy(answer -> assertThat(answer.code()).isEqualTo("SLOT_TAKEN"));
    assertThat(starts(http.get(salon.slots(salon.cut(), "from=2025-04-02&to=2025-04-02"), null)))
        .doesNotContain(slot);
    assertThat(
            (Integer)
                http.get("/providers/" + salon.providerId() + "/bookings", salon.owner())
                    .json("$.total"))
        .isEqualTo(1);
  }

  @Test
  void theLiveSlotsStreamFollowsEveryChangeAndEndsItsSubscriptionWhenTheClientLeaves()
      throws Exception {
    Salon salon = aSalonInBerlin();
    String customer = login("cara");
    String monday = "from=2025-03-31&to=2025-03-31&timeZone=Asia/Tokyo";
    String ten = "2025-03-31T17:00:00+09:00"; // 10:00 in Berlin
    double hubSubscriptions = hubSubscriptionQueries();

    try (EventStream stream = EventStream.open(stream(salon, salon.cut(), monday))) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.header("content-type")).get(STRING).startsWith("text/event-stream");
      Event first = stream.next(Duration.ofSeconds(5));
      assertThat(first.name()).isEqualTo("slots");
      assertThat(first.retry()).isEqualTo("2000");
      assertThat(json(first.data()))
          .isEqualTo(json(http.get(salon.slots(salon.cut(), monday), null).body()));
      assertThat(slotStarts(first)).hasSize(8).contains(ten);
      assertThat(liveStreams()).isEqualTo(1);
      assertThat(hubSubscriptionQueries()).isEqualTo(hubSubscriptions + 1);

      // a change that leaves the list as it is sends nothing (the next event is the booking's)
      assertThat(
              http.put(
                      "/providers/" + salon.providerId(),
                      salon.owner(),
                      "{\"displayName\":\"Renamed\",\"timeZone\":\"Europe/Berlin\"}")
                  .status())
          .isEqualTo(200);

      Answer booked = book(customer, salon.book(salon.cut(), "2025-03-31T10:00:00+02:00"), null);
      long answered = System.nanoTime();
      assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
      // the contract's bound: within a second of the change being answered
      Event taken = stream.next(Duration.ofSeconds(1));
      assertThat(slotStarts(taken)).hasSize(7).doesNotContain(ten);
      assertThat(json(taken.data()))
          .isEqualTo(json(http.get(salon.slots(salon.cut(), monday), null).body()));

      Answer cancelled =
          http.post("/bookings/" + booked.json("$.bookingId") + "/cancel", customer, "{}");
      long cancelAnswered = System.nanoTime();
      assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
      Event freed = stream.next(Duration.ofSeconds(1));
      assertThat(slotStarts(freed)).isEqualTo(slotStarts(first));
      LOG.info(
          "Live slots: events {} ms and {} ms after the change's answer (negative: before it)",
          (taken.receivedNanos() - answered) / 1_000_000,
          (freed.receivedNanos() - cancelAnswered) / 1_000_000);

      await().atMost(Duration.ofSeconds(5)).until(() -> stream.comments() > 0);
      assertThat(stream.pending()).as("no event without a change").isEmpty();
    }

    // the client left: its stream and subscription end at the next keep-alive at the latest
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(liveStreams()).isZero();
              assertThat(hubSubscriptionQueries()).isEqualTo(hubSubscriptions);
            });
  }

  @Test
  void theLiveSlotsStreamRefusesWhatTheSlotQueryRefusesAndMoreStreamsThanItsBound()
      throws Exception {
    Salon salon = aSalonInBerlin();
    double hubSubscriptions = hubSubscriptionQueries();
    String[][] refused = {
      {"from=2025-03-31&to=2025-03-30", "400", "VALIDATION_FAILED"},
      {"from=2025-03-02&to=2025-05-31", "400", "VALIDATION_FAILED"},
      {"from=2025-03-31&to=2025-03-31&timeZone=Moon/Base", "400", "VALIDATION_FAILED"},
      {"from=2026-3-30&to=2025-03-31", "400", "VALIDATION_FAILED"},
      {"to=2025-03-31", "400", "VALIDATION_FAILED"},
    };
    for (String[] bad : refused) {
      assertProblem(stream(salon, salon.cut(), bad[0]), Integer.parseInt(bad[1]), bad[2]);
    }
    String day = "from=2025-03-31&to=2025-03-31";
    assertProblem(stream(salon, UUID.randomUUID().toString(), day), 404, "NOT_FOUND");
    assertProblem(
        platform.bffUrl()
            + "/api/v1/providers/"
            + UUID.randomUUID()
            + "/services/"
            + salon.cut()
            + "/slots/stream?"
            + day,
        404,
        "NOT_FOUND");
    assertThat(liveStreams()).isZero();
    assertThat(hubSubscriptionQueries()).isEqualTo(hubSubscriptions);

    List<EventStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_STREAMS; i++) {
        EventStream stream = EventStream.open(stream(salon, salon.cut(), day));
        open.add(stream);
        assertThat(stream.next(Duration.ofSeconds(5)).name()).isEqualTo("slots");
      }
      try (EventStream oneMore = EventStream.open(stream(salon, salon.cut(), day))) {
        assertThat(oneMore.status()).isEqualTo(503);
        assertThat(oneMore.header("retry-after")).contains("2");
        assertThat((String) JsonPath.read(oneMore.body(), "$.code"))
            .isEqualTo("SERVICE_UNAVAILABLE");
      }
    } finally {
      open.forEach(EventStream::close);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> liveStreams() == 0);
  }

  private static String stream(Salon salon, String serviceId, String query) {
    return platform.bffUrl()
        + "/api/v1"
        + salon.slots(serviceId, query).replace("/slots?", "/slots/stream?");
  }

  private static void assertProblem(String url, int status, String code) {
    try (EventStream stream = EventStream.open(url)) {
      assertThat(stream.status()).as(url).isEqualTo(status);
      assertThat(stream.header("content-type")).get(STRING).startsWith("application/problem+json");
      String body = stream.body();
      assertThat((String) JsonPath.read(body, "$.code")).as(body).isEqualTo(code);
    }
  }

  private static Object json(String text) {
    return JsonPath.read(text, "$");
  }

  private static List<String> slotStarts(Event event) {
    return JsonPath.read(event.data(), "$.slots[*].start");
  }

  /** The bff's gauge of open live slots streams. */
  private static double liveStreams() {
    return bff.bean(MeterRegistry.class).get("calisera.live.slots.streams").gauge().value();
  }

  /** The hub's count of open subscription queries, from its metrics. */
  private static double hubSubscriptionQueries() {
    String metric = "calisera_hub_subscription_queries";
    return platform
        .hub()
        .get("/actuator/prometheus")
        .body()
        .lines()
        .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("The hub has no metric " + metric));
  }

  private static void assertRefused(Answer answer, int status, String code) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.code()).as(answer.toString()).isEqualTo(code);
  }
}
