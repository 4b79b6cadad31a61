package io.calisera.system;

import static io.calisera.testing.ApiClient.hours;
import static io.calisera.testing.ApiClient.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.calisera.testing.ApiClient;
import io.calisera.testing.PlatformProcesses;
import io.calisera.testing.ServiceProcess;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A booking journey through the public API with every service as its own process, while the hub and
 * the query side are killed with SIGKILL and started again mid-way: nothing a client was told
 * succeeded is lost, and the journey completes. The services run on their real clocks (that is what
 * a deployment does), so the test books two days ahead.
 */
@Order(7)
@ExtendWith(SharedPlatform.class)
class JourneyIT {

  /** The services run on the machine's clock (no fixed time here), so the tests plan by it too. */
  private static final Clock MACHINE = Clock.systemUTC();

  static PlatformProcesses platform;
  static ServiceProcess querySide;
  static ApiClient api;

  @BeforeAll
  static void takeThePlatform(SharedPlatform.Running shared) {
    platform = shared.platform();
    querySide = platform.process("query-side-1");
    api = ApiClient.onPort(platform.process("bff-1").httpPort());
  }

  @Test
  void aBookingJourneySurvivesTheHubAndTheQuerySideBeingKilled() {
    // the journey happens two days from now
    LocalDate day = LocalDate.now(MACHINE).plusDays(2);
    String owner = api.devLogin("journey-owner@example.com", "Owner");
    String customer = api.devLogin("customer@example.com", "Customer");

    ApiClient.Offer offer =
        api.offer(
            owner,
            "Journey Studio",
            "UTC",
            "{\"name\":\"Session\",\"durationMinutes\":30}",
            Stream.of(DayOfWeek.values()).map(d -> hours(d, "08:00", "18:00")).toList());
    String providerId = offer.providerId();
    String serviceId = offer.serviceId();
    List<String> confirmed = new ArrayList<>();

    // a guest books; the answer is the promise that it is stored
    JsonNode guestBooking = book(null, providerId, serviceId, day + "T09:00:00Z", "guest");
    confirmed.add(guestBooking.get("bookingId").asText());
    String capability = capabilityOf(guestBooking);

    // the hub dies without warning and comes back on the same data
    platform.hub().kill();
    platform.hub().start();

    // a customer books through the recovering platform, retrying with one idempotency key
    JsonNode customerBooking =
        book(customer, providerId, serviceId, day + "T10:00:00Z", "customer");
    confirmed.add(customerBooking.get("bookingId").asText());

    // the query side dies while the history is projected and comes back on its data
    querySide.kill();
    querySide.start();

    // everything confirmed is visible again, the journey goes on
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              for (String id : confirmed) {
                assertThat(api.get("/bookings/" + id, owner).status()).as(id).isEqualTo(200);
              }
            });
    ok(
        200,
        api.send(
            "POST",
            "/bookings/" + guestBooking.get("bookingId").asText() + "/cancel",
            null,
            "{\"reason\":\"cannot make it\"}",
            Map.of("Booking-Capability", capability)));
    JsonNode moved =
        ok(
            200,
            api.post(
                "/bookings/" + customerBooking.get("bookingId").asText() + "/reschedule",
                customer,
                "{\"start\":\"" + day + "T11:00:00Z\"}"));
    assertThat(moved.get("start").asText()).startsWith(day + "T11:00");

    JsonNode agenda = ok(200, api.get("/providers/" + providerId + "/bookings", owner));
    assertThat(agenda.get("items"))
        .extracting(b -> b.get("bookingId").asText() + " " + b.get("status").asText())
        .containsExactlyInAnyOrder(
            confirmed.get(0) + " CANCELLED", confirmed.get(1) + " CONFIRMED");
    List<String> starts = api.slotStarts(providerId, serviceId, day, day);
    assertThat(starts)
        .as("the cancelled and the vacated times are free, the new one is taken")
        .anyMatch(s -> s.startsWith(day + "T09:00"))
        .anyMatch(s -> s.startsWith(day + "T10:00"))
        .noneMatch(s -> s.startsWith(day + "T11:00"));

    HttpResponse<String> integrity = platform.hub().get("/v1/integrity");
    assertThat(integrity.body()).contains("\"valid\":true");
  }

  /**
   * The contract: a {@code PENDING} booking still unanswered at its start is declined automatically
   * then. The services run on the machine's clock, so the test books the first whole minute a few
   * seconds ahead (opening hours begin on whole minutes): it opens the provider's hours there and
   * books at once, and tries the next minute if that one went by meanwhile. The notification saga's
   * deadline at its start declines it as the platform, within seconds of the start, and a confirm
   * from then on is refused.
   */
  @Test
  void aBookingStillPendingAtItsStartIsDeclinedByThePlatform() {
    String owner = api.devLogin("pending-owner@example.com", "Pending Owner");
    String customer = api.devLogin("pending-customer@example.com", "Pending Customer");
    ApiClient.Offer offer =
        api.offer(
            owner,
            "Pending Studio",
            "UTC",
            "{\"name\":\"Consultation\",\"durationMinutes\":5,\"requiresConfirmation\":true}",
            List.of());
    Instant start;
    ApiClient.Answer placed;
    do {
      // the first whole minute at least 3 s from now
      start = Instant.now(MACHINE).plusSeconds(3 + 59).truncatedTo(ChronoUnit.MINUTES);
      LocalTime opens = LocalTime.ofInstant(start, ZoneOffset.UTC);
      api.openOn(
          owner,
          offer,
          List.of(hours(start.atZone(ZoneOffset.UTC).getDayOfWeek(), opens, opens.plusHours(1))));
      placed =
          api.post(
              "/bookings",
              customer,
              ApiClient.booking(
                  offer.providerId(), offer.serviceId(), start.toString(), "pending-customer"));
      // 422: the minute went by while the hours were set
    } while (placed.status() == 422 && !start.isAfter(Instant.now(MACHINE)));
    JsonNode booking = ok(201, placed);
    Instant startsAt = start;
    assertThat(booking.get("status").asText()).isEqualTo("PENDING");
    String bookingId = booking.get("bookingId").asText();

    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              JsonNode seen = ok(200, api.get("/bookings/" + bookingId, customer));
              assertThat(seen.get("status").asText()).isEqualTo("DECLINED");
              JsonNode last = seen.get("history").get(seen.get("history").size() - 1);
              assertThat(last.get("type").asText()).isEqualTo("DECLINED");
              assertThat(last.get("by").asText()).isEqualTo("system");
              assertThat(OffsetDateTime.parse(last.get("at").asText()).toInstant())
                  .as("declined at its start, not before and not a sweep later")
                  .isBetween(startsAt, startsAt.plusSeconds(10));
            });
    assertThat(api.post("/bookings/" + bookingId + "/confirm", owner, "{}").status())
        .as("too late to confirm")
        .isEqualTo(409);
  }

  /** Books, repeating the same request with the same key until the platform answers 201. */
  private static JsonNode book(
      String token, String providerId, String serviceId, String start, String who) {
    String body = ApiClient.booking(providerId, serviceId, start, who);
    String key = UUID.randomUUID().toString();
    var answer = new AtomicReference<ApiClient.Answer>();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              var response =
                  api.send("POST", "/bookings", token, body, Map.of("Idempotency-Key", key));
              answer.set(response);
              // while the platform recovers: unavailable, or the first try still in flight
              assertThat(response.status()).as(response.body()).isIn(201, 409, 503);
              return response.status() == 201;
            });
    return ok(201, answer.get());
  }

  private static String capabilityOf(JsonNode booking) {
    String manageUrl = booking.get("manageUrl").asText();
    return manageUrl.substring(manageUrl.lastIndexOf('/') + 1);
  }
}
