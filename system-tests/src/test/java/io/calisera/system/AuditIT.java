package io.calisera.system;

import static io.calisera.testing.ApiClient.booking;
import static io.calisera.testing.ApiClient.hours;
import static io.calisera.testing.ApiClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.calisera.testing.ApiClient;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit API through the real services, on a known history: a customer's booking placed,
 * rescheduled twice and cancelled, each change sent with its own W3C {@code traceparent}; a guest's
 * booking; a pending booking the owner declines. Each endpoint's answer is checked field by field,
 * the state as of an instant just before and just after each change, and the audit reads are
 * themselves recorded. The services run on the machine's clock, so the bookings are days ahead.
 */
@Order(3) // before ReadYourWritesIT: its reads would wait for the audit model to apply that burst
@ExtendWith(SharedPlatform.class)
class AuditIT {

  private static final Clock MACHINE = Clock.systemUTC();

  static ApiClient api;

  @BeforeAll
  static void takeThePlatform(SharedPlatform.Running shared) {
    api = ApiClient.onPort(shared.platform().process("bff-1").httpPort());
  }

  @Test
  void anAuditorReadsAKnownHistory() {
    Instant began = MACHINE.instant();
    LocalDate day = LocalDate.now(MACHINE).plusDays(3);
    String owner = api.devLogin("audit-owner@example.com", "Owner");
    String customer = api.devLogin("audit-customer@example.com", "Customer");
    String auditor = login("auditor@example.com", "AUDITOR");
    String ownerId = accountId(owner);
    String customerId = accountId(customer);
    ApiClient.Offer offer =
        api.offer(
            owner,
            "Audit Studio",
            "UTC",
            "{\"name\":\"Session\",\"durationMinutes\":30}",
            Stream.of(DayOfWeek.values()).map(d -> hours(d, "08:00", "18:00")).toList());
    String providerId = offer.providerId();
    String consultation =
        ok(
                201,
                api.post(
                    "/providers/" + providerId + "/services",
                    owner,
                    "{\"name\":\"Consultation\",\"durationMinutes\":15,"
                        + "\"requiresConfirmation\":true}"))
            .get("serviceId")
            .asText();

    // the customer's booking: placed, moved twice, cancelled; each request with its own trace
    List<String> traces = new ArrayList<>();
    ApiClient.Answer placing =
        traced(
            traces,
            "POST",
            "/bookings",
            customer,
            booking(providerId, offer.serviceId(), day + "T09:00:00Z", "customer"));
    String bookingId = ok(201, placing).get("bookingId").asText();
    assertThat(placing.headers().get("traceparent"))
        .as("the bff answers the trace it continued, with its own span")
        .startsWith("00-" + traces.get(0) + "-")
        .isNotEqualTo(traceparent(traces.get(0)));
    ok(
        200,
        traced(
            traces,
            "POST",
            "/bookings/" + bookingId + "/reschedule",
            customer,
            "{\"start\":\"" + day + "T10:00:00Z\"}"));
    ok(
        200,
        traced(
            traces,
            "POST",
            "/bookings/" + bookingId + "/reschedule",
            customer,
            "{\"start\":\"" + day + "T11:00:00Z\"}"));
    ok(
        200,
        traced(
            traces,
            "POST",
            "/bookings/" + bookingId + "/cancel",
            customer,
            "{\"reason\":\"ill\"}"));
    // a guest's booking, and a pending one the owner declines
    String guestBookingId =
        ok(
                201,
                api.post(
                    "/bookings",
                    null,
                    booking(providerId, offer.serviceId(), day + "T13:00:00Z", "guest")))
            .get("bookingId")
            .asText();
    String pendingId =
        ok(
                201,
                api.post(
                    "/bookings",
                    customer,
                    booking(providerId, consultation, day + "T14:00:00Z", "customer")))
            .get("bookingId")
            .asText();
    ok(200, api.post("/bookings/" + pendingId + "/decline", owner, "{\"reason\":\"away\"}"));
    Instant ended = MACHINE.instant();

    // ---- the customer's booking's events, field by field
    JsonNode events = ok(200, api.get("/audit/bookings/" + bookingId + "/events", auditor));
    assertThat(events)
        .extracting(event -> event.get("type").asText())
        .containsExactly(
            "BookingPlacedEvent",
            "BookingRescheduledEvent",
            "BookingRescheduledEvent",
            "BookingCancelledEvent");
    assertThat(events)
        .extracting(event -> event.get("revision").asText())
        .containsExactly("2", "2", "2", "1");
    Set<String> correlations = new HashSet<>();
    List<Instant> changedAt = new ArrayList<>();
    long previousPosition = -1;
    long previousSequence = -1;
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = events.get(i);
      assertThat(event.get("aggregateId").asText()).isEqualTo(providerId);
      assertThat(event.get("globalPosition").asLong()).isGreaterThan(previousPosition);
      assertThat(event.get("sequence").asLong()).isGreaterThan(previousSequence);
      previousPosition = event.get("globalPosition").asLong();
      previousSequence = event.get("sequence").asLong();
      Instant timestamp = Instant.parse(event.get("timestamp").asText());
      assertThat(timestamp).isBetween(began, ended);
      changedAt.add(timestamp);
      assertThat(event.get("actor").get("kind").asText()).isEqualTo("CUSTOMER");
      assertThat(event.get("actor").get("accountId").asText()).isEqualTo(customerId);
      assertThat(event.get("actor").get("roles"))
          .extracting(JsonNode::asText)
          .containsExactly("CUSTOMER");
      assertThat(event.get("traceId").asText())
          .as("the trace of the request that caused it")
          .isEqualTo(traces.get(i));
      assertThat(correlations.add(event.get("correlationId").asText()))
          .as("each change is its own command")
          .isTrue();
      assertThat(event.get("payload").get("bookingId").asText()).isEqualTo(bookingId);
      assertThat(event.get("payload").get("providerId").asText()).isEqualTo(providerId);
      assertThat(event.get("payload").get("by").asText()).isEqualTo(customerId);
    }
    assertThat(events.get(0).get("payload").get("start").asText()).isEqualTo(day + "T09:00:00Z");
    assertThat(events.get(0).get("payload").get("status").asText()).isEqualTo("CONFIRMED");
    assertThat(events.get(1).get("payload").get("start").asText()).isEqualTo(day + "T10:00:00Z");
    assertThat(events.get(2).get("payload").get("previousStart").asText())
        .isEqualTo(day + "T10:00:00Z");
    assertThat(events.get(2).get("payload").get("start").asText()).isEqualTo(day + "T11:00:00Z");
    assertThat(events.get(3).get("payload").get("reason").asText()).isEqualTo("ill");

    // ---- its state just before and just after each change
    assertThat(asOf(auditor, bookingId, changedAt.get(0).minusMillis(1)).status())
        .as("it did not exist yet")
        .isEqualTo(404);
    String[][] after = {
      {"CONFIRMED", day + "T09:00:00Z", "PLACED"},
      {"CONFIRMED", day + "T10:00:00Z", "RESCHEDULED"},
      {"CONFIRMED", day + "T11:00:00Z", "RESCHEDULED"},
      {"CANCELLED", day + "T11:00:00Z", "CANCELLED"}
    };
    for (int i = 0; i < changedAt.size(); i++) {
      JsonNode justAfter = ok(200, asOf(auditor, bookingId, changedAt.get(i)));
      assertState(justAfter, bookingId, providerId, after[i], i + 1);
      if (i > 0) {
        JsonNode justBefore = ok(200, asOf(auditor, bookingId, changedAt.get(i).minusMillis(1)));
        assertState(justBefore, bookingId, providerId, after[i - 1], i);
      }
    }
    JsonNode live = ok(200, api.get("/bookings/" + bookingId, customer));
    JsonNode rebuilt = ok(200, asOf(auditor, bookingId, ended));
    assertThat(rebuilt).as("rebuilt as the live read model has it").isEqualTo(live);

    // ---- the guest's booking and the owner's decline
    JsonNode guest = ok(200, api.get("/audit/bookings/" + guestBookingId + "/events", auditor));
    assertThat(guest).hasSize(1);
    assertThat(guest.get(0).get("actor").get("kind").asText()).isEqualTo("GUEST");
    assertThat(guest.get(0).get("actor").get("accountId").asText()).isEqualTo("guest");
    assertThat(guest.get(0).get("actor").get("roles")).isEmpty();
    assertThat(guest.get(0).get("payload").get("customerAccountId").isNull()).isTrue();
    JsonNode declined = ok(200, api.get("/audit/bookings/" + pendingId + "/events", auditor));
    assertThat(declined)
        .extracting(
            event -> event.get("type").asText() + " " + event.get("actor").get("kind").asText())
        .containsExactly("BookingPlacedEvent CUSTOMER", "BookingDeclinedEvent OWNER");
    assertThat(declined.get(1).get("actor").get("accountId").asText()).isEqualTo(ownerId);
    assertThat(declined.get(1).get("actor").get("roles"))
        .extracting(JsonNode::asText)
        .contains("CUSTOMER");
    Instant declinedAt = Instant.parse(declined.get(1).get("timestamp").asText());
    assertThat(ok(200, asOf(auditor, pendingId, declinedAt.minusMillis(1))).get("status").asText())
        .isEqualTo("PENDING");
    assertThat(ok(200, asOf(auditor, pendingId, declinedAt)).get("status").asText())
        .isEqualTo("DECLINED");

    // ---- the provider's events: all of them, by page, and a range
    JsonNode all = ok(200, api.get("/audit/providers/" + providerId + "/events?size=500", auditor));
    JsonNode items = all.get("items");
    assertThat(all.get("total").asLong()).isEqualTo(items.size());
    assertThat(items)
        .extracting(event -> event.get("type").asText())
        .containsExactly(
            "ProviderCreatedEvent",
            "ServiceAddedEvent",
            "ScheduleReplacedEvent",
            "ServiceAddedEvent",
            "BookingPlacedEvent",
            "BookingRescheduledEvent",
            "BookingRescheduledEvent",
            "BookingCancelledEvent",
            "BookingPlacedEvent",
            "BookingPlacedEvent",
            "BookingDeclinedEvent");
    assertThat(items.get(0).get("actor").get("kind").asText()).isEqualTo("OWNER");
    assertThat(items.get(0).get("payload").get("ownerAccountId").asText()).isEqualTo(ownerId);
    List<Long> pagedPositions = new ArrayList<>();
    for (int page = 0; page < 3; page++) {
      JsonNode paged =
          ok(
              200,
              api.get("/audit/providers/" + providerId + "/events?size=4&page=" + page, auditor));
      assertThat(paged.get("total").asLong()).isEqualTo(11);
      assertThat(paged.get("page").asInt()).isEqualTo(page);
      assertThat(paged.get("size").asInt()).isEqualTo(4);
      paged.get("items").forEach(event -> pagedPositions.add(event.get("globalPosition").asLong()));
    }
    List<Long> allPositions = new ArrayList<>();
    items.forEach(event -> allPositions.add(event.get("globalPosition").asLong()));
    assertThat(pagedPositions).isEqualTo(allPositions);
    JsonNode moves =
        ok(
            200,
            api.get(
                "/audit/providers/"
                    + providerId
                    + "/events?from="
                    + changedAt.get(1)
                    + "&to="
                    + changedAt.get(3),
                auditor));
    assertThat(moves.get("items"))
        .as("from included, to excluded")
        .extracting(event -> event.get("type").asText())
        .containsExactly("BookingRescheduledEvent", "BookingRescheduledEvent");
    assertThat(moves.get("total").asLong()).isEqualTo(2);

    // ---- nobody else reads; auditors' reads are recorded
    String path = "/audit/bookings/" + bookingId + "/events";
    assertThat(api.get(path, null).status()).isEqualTo(401);
    assertThat(api.get(path, customer).status()).isEqualTo(403);
    assertThat(api.get(path, owner).status()).isEqualTo(403);
    assertThat(api.post("/bookings/" + guestBookingId + "/cancel", auditor, "{}").status())
        .as("auditors change nothing")
        .isEqualTo(403);
    JsonNode access = ok(200, api.get("/audit/access?from=" + began, auditor));
    List<String> read = new ArrayList<>();
    access.forEach(
        entry -> {
          if (entry.get("accountId").asText().equals(accountId(auditor))) {
            assertThat(entry.get("method").asText()).isEqualTo("GET");
            assertThat(Instant.parse(entry.get("at").asText())).isAfterOrEqualTo(began);
            read.add(entry.get("path").asText());
          }
        });
    assertThat(read)
        .startsWith(
            "/api/v1" + path,
            "/api/v1/audit/bookings/"
                + bookingId
                + "/state?asOf="
                + changedAt.get(0).minusMillis(1))
        .contains("/api/v1/audit/providers/" + providerId + "/events?size=500")
        .endsWith("/api/v1/audit/access?from=" + began);
  }

  private static void assertState(
      JsonNode booking, String bookingId, String providerId, String[] expected, int entries) {
    assertThat(booking.get("bookingId").asText()).isEqualTo(bookingId);
    assertThat(booking.get("providerId").asText()).isEqualTo(providerId);
    assertThat(booking.get("status").asText()).as(booking.toString()).isEqualTo(expected[0]);
    assertThat(Instant.parse(booking.get("start").asText())).isEqualTo(Instant.parse(expected[1]));
    assertThat(booking.get("history")).hasSize(entries);
    assertThat(booking.get("history").get(entries - 1).get("type").asText()).isEqualTo(expected[2]);
  }

  private static ApiClient.Answer asOf(String auditor, String bookingId, Instant at) {
    return api.get("/audit/bookings/" + bookingId + "/state?asOf=" + at, auditor);
  }

  /** Sends the request with a new trace, which it adds to {@code traces}. */
  private static ApiClient.Answer traced(
      List<String> traces, String method, String path, String token, String json) {
    String trace = UUID.randomUUID().toString().replace("-", "");
    traces.add(trace);
    return api.send(method, path, token, json, Map.of("traceparent", traceparent(trace)));
  }

  private static String traceparent(String trace) {
    return "00-" + trace + "-00f067aa0ba902b7-01";
  }

  private static String login(String email, String role) {
    return ok(
            200,
            api.post(
                "/auth/dev-login",
                null,
                "{\"email\":\""
                    + email
                    + "\",\"name\":\"An Auditor\",\"roles\":[\""
                    + role
                    + "\"]}"))
        .get("accessToken")
        .asText();
  }

  private static String accountId(String token) {
    return ok(200, api.get("/me", token)).get("accountId").asText();
  }
}
