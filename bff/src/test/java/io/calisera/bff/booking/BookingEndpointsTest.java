package io.calisera.bff.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.bff.auth.AccountIds;
import io.calisera.bff.auth.SigningKeys;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.FakePlatform;
import io.calisera.bff.testing.Jwts;
import io.calisera.bff.testing.Logins;
import io.calisera.bff.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Who may do what with bookings: customers book for themselves, guests without a token; a booking
 * is seen by its customer, the provider's owner, auditors and its capability's holder, changed by
 * its customer, the owner and the capability's holder, and answered (confirm, decline, complete,
 * no-show) by the owner only. Everyone else gets 401 or 403.
 */
@BffTest
class BookingEndpointsTest {

  private static final String TUESDAY_NINE = "2026-06-02T09:00:00+02:00";
  private static final String TUESDAY_TEN = "2026-06-02T10:00:00+02:00";

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired FakePlatform platform;
  @Autowired SigningKeys keys;

  Api api;
  String ownerEmail;
  String owner;
  String customer;
  String customerEmail;
  String otherCustomer;
  String auditor;
  String providerId;
  String serviceId;

  @BeforeEach
  void aProviderOpenNineToFiveInBerlin() throws Exception {
    clock.set(BffTestConfiguration.START); // Monday 2026-06-01 10:00 in Berlin
    api = new Api(mvc);
    ownerEmail = Api.unique("olga");
    owner = Logins.devLogin(mvc, ownerEmail).accessToken();
    customerEmail = Api.unique("cara");
    customer = Logins.devLogin(mvc, customerEmail).accessToken();
    otherCustomer = api.login("otto");
    auditor = api.login("audrey", "AUDITOR");
    providerId = api.provider(owner, "Europe/Berlin");
    serviceId =
        api.service(
            owner,
            providerId,
            "{\"name\":\"Cut\",\"durationMinutes\":60,\"cancellationNoticeMinutes\":60}");
    api.openEveryDay(owner, providerId, "09:00", "17:00");
  }

  private String booking(String json) {
    return "{\"providerId\":\""
        + providerId
        + "\",\"serviceId\":\""
        + serviceId
        + "\","
        + json
        + "}";
  }

  private ResultActions place(String token, String json, String idempotencyKey) throws Exception {
    var request = Api.call(HttpMethod.POST, "/api/v1/bookings", token, booking(json));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return mvc.perform(request);
  }

  private ResultActions withCapability(
      HttpMethod method, String path, String capability, String json) throws Exception {
    return mvc.perform(Api.call(method, path, null, json).header("Booking-Capability", capability));
  }

  @Test
  void aGuestBooksWithoutATokenAndGetsAManageUrl() throws Exception {
    String created =
        place(
                null,
                "\"start\":\""
                    + TUESDAY_NINE
                    + "\",\"customer\":{\"name\":\"Gail\",\"email\":\"gail@example.com\","
                    + "\"phone\":\"+49 (170) 123-4567\",\"timeZone\":\"America/New_York\"},"
                    + "\"notes\":\"first time\"",
                null)
            .andExpect(status().isCreated())
            .andExpect(header().string("Location", startsWith("/api/v1/bookings/")))
            .andExpect(jsonPath("$.status").value("CONFIRMED"))
            .andExpect(jsonPath("$.providerId").value(providerId))
            .andExpect(jsonPath("$.serviceId").value(serviceId))
            // written in the customer's zone
            .andExpect(jsonPath("$.start").value("2026-06-02T03:00:00-04:00"))
            .andExpect(jsonPath("$.end").value("2026-06-02T04:00:00-04:00"))
            .andExpect(jsonPath("$.manageUrl", startsWith("https://api.calisera.test/manage/")))
            .andReturn()
            .getResponse()
            .getContentAsString();

    String bookingId = JsonPath.read(created, "$.bookingId");
    PlaceBookingCommand sent = lastPlaced();
    assertThat(sent.actor()).isEqualTo(Actor.GUEST);
    assertThat(sent.customerAccountId()).isNull();
    assertThat(sent.customer().phone()).isEqualTo("+491701234567");
    assertThat(sent.at()).isEqualTo(BffTestConfiguration.START);
    assertThat(Api.capabilityOf(created)).startsWith(bookingId + ".");

    withCapability(HttpMethod.GET, "/api/v1/bookings/" + bookingId, Api.capabilityOf(created), null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.customer.phone").value("+491701234567"))
        .andExpect(jsonPath("$.customer.timeZone").value("America/New_York"))
        .andExpect(jsonPath("$.notes").value("first time"))
        .andExpect(jsonPath("$.createdAt").value("2026-06-01T04:00:00-04:00"))
        .andExpect(jsonPath("$.history[0].type").value("PLACED"))
        .andExpect(jsonPath("$.history[0].by").value("guest"))
        .andExpect(jsonPath("$.manageUrl").doesNotExist());
  }

  @Test
  void aCustomerBooksForTheirAccountWithItsNameAndEmailAndTheProvidersZone() throws Exception {
    place(customer, "\"start\":\"" + TUESDAY_NINE + "\"", null)
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.start").value(TUESDAY_NINE)); // in the zone the receipt names
    PlaceBookingCommand sent = lastPlaced();
    assertThat(sent.customerAccountId()).isEqualTo(AccountIds.ofDevLogin(customerEmail));
    assertThat(sent.actor().accountId()).isEqualTo(AccountIds.ofDevLogin(customerEmail));
    assertThat(sent.customer().email()).isEqualTo(customerEmail);
    assertThat(sent.customer().name()).isEqualTo("Test Person");
    assertThat(sent.customer().timeZone())
        .as("no zone named: the command side records the provider's")
        .isNull();
  }

  @Test
  void anAuthenticatedCallerWhoIsNoCustomerMayNotBook() throws Exception {
    String auditorOnly = tokenWithRoles(List.of("AUDITOR"));
    place(auditorOnly, "\"start\":\"" + TUESDAY_NINE + "\"", null)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
  }

  @Test
  void aBadTokenIsNotTakenForAGuest() throws Exception {
    place("not.a.jwt", guest(TUESDAY_NINE), null)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
  }

  @Test
  void aGuestMustGiveNameAndEmailAndAValidPhone() throws Exception {
    int placed = platform.handled(PlaceBookingCommand.class).size();
    place(null, "\"start\":\"" + TUESDAY_NINE + "\"", null)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("customer.name"));
    place(null, "\"start\":\"" + TUESDAY_NINE + "\",\"customer\":{\"name\":\"G\"}", null)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("customer.email"));
    for (String phone : new String[] {"0170 1234567", "+49 12", "+999 1234567", "call me"}) {
      place(
              null,
              "\"start\":\""
                  + TUESDAY_NINE
                  + "\",\"customer\":{\"name\":\"G\",\"email\":\"g@example.com\",\"phone\":\""
                  + phone
                  + "\"}",
              null)
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("customer.phone"));
    }
    assertThat(platform.handled(PlaceBookingCommand.class)).hasSize(placed);
  }

  @Test
  void theBookingIsSeenByItsCustomerTheOwnerAnAuditorAndItsCapabilityOnly() throws Exception {
    String mine =
        place(customer, "\"start\":\"" + TUESDAY_NINE + "\"", null)
            .andReturn()
            .getResponse()
            .getContentAsString();
    String bookingId = JsonPath.read(mine, "$.bookingId");
    String guests = api.bookAsGuest(providerId, serviceId, TUESDAY_TEN);
    String path = "/api/v1/bookings/" + bookingId;

    api.perform(HttpMethod.GET, path, customer, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.bookingId").value(bookingId))
        .andExpect(jsonPath("$.start").value(TUESDAY_NINE))
        .andExpect(jsonPath("$.history", hasSize(1)));
    api.perform(HttpMethod.GET, path, owner, null).andExpect(status().isOk());
    api.perform(HttpMethod.GET, path, auditor, null).andExpect(status().isOk());
    withCapability(HttpMethod.GET, path, Api.capabilityOf(mine), null).andExpect(status().isOk());

    api.perform(HttpMethod.GET, path, null, null)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    api.perform(HttpMethod.GET, path, otherCustomer, null)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    withCapability(HttpMethod.GET, path, Api.capabilityOf(guests), null)
        .andExpect(status().isForbidden());
    withCapability(HttpMethod.GET, path, bookingId + ".forged", null)
        .andExpect(status().isForbidden());
    withCapability(HttpMethod.GET, path, "garbage", null).andExpect(status().isForbidden());
    api.perform(HttpMethod.GET, "/api/v1/bookings/" + UUID.randomUUID(), customer, null)
        .andExpect(status().isNotFound());
  }

  @Test
  void aCapabilityOpensNothingButItsBooking() throws Exception {
    int cancelled = platform.handled(CancelBookingCommand.class).size();
    String guests = api.bookAsGuest(providerId, serviceId, TUESDAY_TEN);
    String capability = Api.capabilityOf(guests);
    String mine =
        JsonPath.read(api.bookAs(customer, providerId, serviceId, TUESDAY_NINE), "$.bookingId");
    for (String[] call :
        new String[][] {
          {"POST", "/api/v1/bookings/" + mine + "/cancel", "{}"},
          {
            "POST",
            "/api/v1/bookings/" + mine + "/reschedule",
            "{\"start\":\"2026-06-02T11:00:00+02:00\"}"
          },
          {"GET", "/api/v1/providers/" + providerId + "/bookings", null},
          {"GET", "/api/v1/me/bookings", null},
          {"PUT", "/api/v1/providers/" + providerId + "/availability", "{}"},
          {"POST", "/api/v1/bookings/" + JsonPath.read(guests, "$.bookingId") + "/confirm", null}
        }) {
      int status =
          withCapability(HttpMethod.valueOf(call[0]), call[1], capability, call[2])
              .andReturn()
              .getResponse()
              .getStatus();
      assertThat(status).as(call[0] + " " + call[1]).isIn(401, 403);
    }
    assertThat(platform.handled(CancelBookingCommand.class)).hasSize(cancelled);
  }

  @Test
  void itsCustomerCancelsAndASecondCancelIs409() throws Exception {
    String bookingId =
        JsonPath.read(api.bookAs(customer, providerId, serviceId, TUESDAY_NINE), "$.bookingId");
    String cancel = "/api/v1/bookings/" + bookingId + "/cancel";
    api.perform(HttpMethod.POST, cancel, otherCustomer, "{}").andExpect(status().isForbidden());
    api.perform(HttpMethod.POST, cancel, auditor, "{}").andExpect(status().isForbidden());
    api.perform(HttpMethod.POST, cancel, null, "{}").andExpect(status().isUnauthorized());
    api.perform(HttpMethod.POST, cancel, customer, "{\"reason\":\"ill\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CANCELLED"))
        .andExpect(jsonPath("$.history[1].type").value("CANCELLED"));
    api.perform(HttpMethod.POST, cancel, customer, null)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("INVALID_STATE"));
  }

  @Test
  void theCapabilityCancelsAsAGuestUntilTheNoticeAndTheOwnerAfter() throws Exception {
    String created = api.bookAsGuest(providerId, serviceId, TUESDAY_NINE);
    String bookingId = JsonPath.read(created, "$.bookingId");
    String cancel = "/api/v1/bookings/" + bookingId + "/cancel";
    // 60 minutes notice: customers until 08:00 Berlin on Tuesday
    clock.set(Instant.parse("2026-06-02T06:30:00Z"));
    owner = Logins.devLogin(mvc, ownerEmail).accessToken(); // the old token has expired
    withCapability(HttpMethod.POST, cancel, Api.capabilityOf(created), "{}")
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.code").value("CANCELLATION_WINDOW_CLOSED"));
    api.perform(HttpMethod.POST, cancel, owner, "{}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.history[1].by").isNotEmpty());

    String second = api.bookAsGuest(providerId, serviceId, "2026-06-03T09:00:00+02:00");
    withCapability(
            HttpMethod.POST,
            "/api/v1/bookings/" + JsonPath.read(second, "$.bookingId") + "/cancel",
            Api.capabilityOf(second),
            null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CANCELLED"))
        .andExpect(jsonPath("$.history[1].by").value("guest"));
  }

  @Test
  void itsCustomerTheCapabilityAndTheOwnerMoveIt() throws Exception {
    String created = api.bookAs(customer, providerId, serviceId, TUESDAY_NINE);
    String bookingId = JsonPath.read(created, "$.bookingId");
    String move = "/api/v1/bookings/" + bookingId + "/reschedule";
    api.perform(HttpMethod.POST, move, otherCustomer, moveTo("2026-06-02T11:00:00+02:00"))
        .andExpect(status().isForbidden());
    api.perform(HttpMethod.POST, move, null, moveTo("2026-06-02T11:00:00+02:00"))
        .andExpect(status().isUnauthorized());
    api.perform(HttpMethod.POST, move, customer, moveTo("2026-06-02T11:00:00+02:00"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.bookingId").value(bookingId))
        .andExpect(jsonPath("$.start").value("2026-06-02T11:00:00+02:00"));
    withCapability(
            HttpMethod.POST, move, Api.capabilityOf(created), moveTo("2026-06-02T12:00:00+02:00"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.history[2].by").value("guest"));
    api.perform(HttpMethod.POST, move, owner, moveTo("2026-06-02T12:30:00+02:00"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.code").value("NOT_A_SLOT"));
    api.perform(HttpMethod.POST, move, owner, moveTo("2026-06-02T13:00:00+02:00"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.start").value("2026-06-02T13:00:00+02:00"));
  }

  @Test
  void onlyTheOwnerConfirmsDeclinesCompletesAndMarksNoShows() throws Exception {
    String confirming =
        api.service(
            owner,
            providerId,
            "{\"name\":\"Consult\",\"durationMinutes\":60,\"requiresConfirmation\":true}");
    String pending =
        JsonPath.read(api.bookAs(customer, providerId, confirming, TUESDAY_NINE), "$.bookingId");
    String other =
        JsonPath.read(api.bookAs(customer, providerId, confirming, TUESDAY_TEN), "$.bookingId");

    for (String who : new String[] {customer, otherCustomer, auditor}) {
      for (String action : new String[] {"confirm", "decline", "complete", "no-show"}) {
        api.perform(HttpMethod.POST, "/api/v1/bookings/" + pending + "/" + action, who, null)
            .andExpect(status().isForbidden());
      }
    }
    api.perform(HttpMethod.POST, "/api/v1/bookings/" + pending + "/confirm", owner, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CONFIRMED"));
    api.perform(HttpMethod.POST, "/api/v1/bookings/" + pending + "/confirm", owner, null)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("INVALID_STATE"));
    api.perform(
            HttpMethod.POST,
            "/api/v1/bookings/" + other + "/decline",
            owner,
            "{\"reason\":\"away\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("DECLINED"));
    api.perform(HttpMethod.POST, "/api/v1/bookings/" + pending + "/complete", owner, null)
        .andExpect(status().isConflict()); // not started yet

    clock.set(Instant.parse("2026-06-02T07:30:00Z"));
    owner = Logins.devLogin(mvc, ownerEmail).accessToken();
    api.perform(HttpMethod.POST, "/api/v1/bookings/" + pending + "/complete", owner, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("COMPLETED"));
    api.perform(HttpMethod.POST, "/api/v1/bookings/" + pending + "/no-show", owner, null)
        .andExpect(status().isConflict());
    api.perform(HttpMethod.POST, "/api/v1/bookings/nothing-here/confirm", owner, null)
        .andExpect(status().isNotFound());
  }

  @Test
  void aNoShowIsTheOwnersAfterTheStart() throws Exception {
    String bookingId =
        JsonPath.read(api.bookAs(customer, providerId, serviceId, TUESDAY_NINE), "$.bookingId");
    clock.advance(Duration.ofDays(1));
    owner = Logins.devLogin(mvc, ownerEmail).accessToken();
    api.perform(HttpMethod.POST, "/api/v1/bookings/" + bookingId + "/no-show", owner, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("NO_SHOW"));
  }

  @Test
  void customersListTheirOwnBookingsNewestFirst() throws Exception {
    api.bookAs(customer, providerId, serviceId, TUESDAY_NINE);
    api.bookAs(customer, providerId, serviceId, "2026-06-03T09:00:00+02:00");
    api.bookAs(otherCustomer, providerId, serviceId, "2026-06-04T09:00:00+02:00");

    api.perform(HttpMethod.GET, "/api/v1/me/bookings", customer, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items", hasSize(2)))
        .andExpect(jsonPath("$.items[0].start").value("2026-06-03T09:00:00+02:00"))
        .andExpect(jsonPath("$.total").value(2));
    api.perform(
            HttpMethod.GET,
            "/api/v1/me/bookings?from=2026-06-03&to=2026-06-03&timeZone=Europe/Berlin&status=CONFIRMED",
            customer,
            null)
        .andExpect(jsonPath("$.items", hasSize(1)));
    api.perform(
            HttpMethod.GET, "/api/v1/me/bookings?from=2026-06-02T07:30:00Z&size=1", customer, null)
        .andExpect(jsonPath("$.items", hasSize(1)))
        .andExpect(jsonPath("$.size").value(1));
    api.perform(HttpMethod.GET, "/api/v1/me/bookings", tokenWithRoles(List.of("AUDITOR")), null)
        .andExpect(status().isForbidden());
    for (String bad :
        new String[] {
          "?status=LOST",
          "?from=tomorrow",
          "?from=2026-06-03&to=2026-06-02",
          "?size=101",
          "?page=-1",
          "?timeZone=Nowhere"
        }) {
      api.perform(HttpMethod.GET, "/api/v1/me/bookings" + bad, customer, null)
          .andExpect(status().isBadRequest());
    }
  }

  @Test
  void onlyTheOwnerReadsTheAgenda() throws Exception {
    api.bookAs(customer, providerId, serviceId, "2026-06-03T09:00:00+02:00");
    api.bookAsGuest(providerId, serviceId, TUESDAY_NINE);
    String agenda = "/api/v1/providers/" + providerId + "/bookings";
    api.perform(HttpMethod.GET, agenda, owner, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items", hasSize(2)))
        .andExpect(jsonPath("$.items[0].start").value(TUESDAY_NINE));
    api.perform(HttpMethod.GET, agenda + "?from=2026-06-03&to=2026-06-03", owner, null)
        .andExpect(jsonPath("$.items", hasSize(1)));
    api.perform(HttpMethod.GET, agenda, customer, null).andExpect(status().isForbidden());
    api.perform(HttpMethod.GET, agenda, null, null).andExpect(status().isUnauthorized());
    api.perform(HttpMethod.GET, "/api/v1/providers/nobody/bookings", owner, null)
        .andExpect(status().isNotFound());
  }

  @Test
  void businessRefusalsKeepTheirStatusAndCode() throws Exception {
    api.bookAsGuest(providerId, serviceId, TUESDAY_NINE);
    place(customer, "\"start\":\"" + TUESDAY_NINE + "\"", null)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("SLOT_TAKEN"));
    place(customer, "\"start\":\"2026-06-02T09:15:00+02:00\"", null)
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.code").value("NOT_A_SLOT"));
    place(customer, "\"start\":\"2026-06-01T09:00:00+02:00\"", null)
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.code").value("IN_THE_PAST"));
    place(customer, "\"start\":\"2026-09-01T09:00:00+02:00\"", null)
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.code").value("BEYOND_BOOKING_HORIZON"));
    mvc.perform(
            Api.call(
                HttpMethod.POST,
                "/api/v1/bookings",
                null,
                booking(guest(TUESDAY_TEN)).replace(serviceId, "no-such-service")))
        .andExpect(status().isNotFound());
    mvc.perform(
            Api.call(
                HttpMethod.POST,
                "/api/v1/bookings",
                null,
                booking(guest(TUESDAY_TEN)).replace(providerId, "no-such-provider")))
        .andExpect(status().isNotFound());
  }

  @Test
  void theSameKeyAndBodyGetTheFirstAnswerAndAnotherBodyIs422() throws Exception {
    String key = UUID.randomUUID().toString();
    String first =
        place(customer, "\"start\":\"" + TUESDAY_NINE + "\"", key)
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    long bookings = platform.bookingCount();
    String again =
        place(customer, "\"start\" : \"2026-06-02T07:00:00Z\"", key)
            .andExpect(status().isCreated())
            .andExpect(header().string("Idempotent-Replayed", "true"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(again).isEqualTo(first);
    assertThat(platform.bookingCount()).isEqualTo(bookings);

    place(customer, "\"start\":\"" + TUESDAY_TEN + "\"", key)
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_REUSED"));
    // another account's key is another key
    place(otherCustomer, "\"start\":\"" + TUESDAY_TEN + "\"", key).andExpect(status().isCreated());
  }

  @Test
  void aGuestsRepeatGetsTheSameManageUrl() throws Exception {
    String key = UUID.randomUUID().toString();
    String first =
        place(null, guest(TUESDAY_NINE), key)
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String again =
        place(null, guest(TUESDAY_NINE), key)
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat((String) JsonPath.read(again, "$.manageUrl"))
        .isEqualTo(JsonPath.read(first, "$.manageUrl"));
  }

  @Test
  void aKeyWhoseFirstRequestStillRunsIs409() throws Exception {
    String key = UUID.randomUUID().toString();
    String scope = AccountIds.ofDevLogin(customerEmail);
    IdempotencyClaimsTest.whileHeld(
        claims,
        scope,
        key,
        () ->
            place(customer, "\"start\":\"" + TUESDAY_NINE + "\"", key)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_IN_FLIGHT")));
    place(customer, "\"start\":\"" + TUESDAY_NINE + "\"", key).andExpect(status().isCreated());
  }

  @Test
  void badInputIs400AndNever5xx() throws Exception {
    int placed = platform.handled(PlaceBookingCommand.class).size();
    for (String body :
        new String[] {
          "{\"providerId\":\"" + providerId + "\"}",
          booking("\"start\":\"tomorrow\""),
          booking("\"start\":\"2026-06-02T09:00:00\""),
          booking("\"start\":\"+99999-06-02T09:00:00Z\""),
          booking("\"start\":12"),
          booking(
              "\"start\":\""
                  + TUESDAY_NINE
                  + "\",\"customer\":{\"name\":\"G\",\"email\":\"not-an-email\"}"),
          booking(
              "\"start\":\""
                  + TUESDAY_NINE
                  + "\",\"customer\":{\"name\":\"G\",\"email\":\"g@example.com\",\"timeZone\":\"Mars/Base\"}"),
          booking("\"start\":\"" + TUESDAY_NINE + "\",\"notes\":\"" + "x".repeat(2001) + "\""),
          "{\"providerId\":\"bad id!\",\"serviceId\":\"s\",\"start\":\"" + TUESDAY_NINE + "\"}",
          "[]",
        }) {
      mvc.perform(Api.call(HttpMethod.POST, "/api/v1/bookings", customer, body))
          .andExpect(status().isBadRequest());
    }
    mvc.perform(Api.call(HttpMethod.POST, "/api/v1/bookings", customer, "{\"providerId\":"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
    place(customer, "\"start\":\"" + TUESDAY_NINE + "\"", "key with spaces")
        .andExpect(status().isBadRequest());
    place(customer, "\"start\":\"" + TUESDAY_NINE + "\"", "k".repeat(201))
        .andExpect(status().isBadRequest());
    mvc.perform(
            Api.call(
                HttpMethod.POST,
                "/api/v1/bookings",
                customer,
                booking(
                    "\"start\":\"" + TUESDAY_NINE + "\",\"notes\":\"" + "x".repeat(5000) + "\"")))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.code").value("PAYLOAD_TOO_LARGE"));
    api.perform(HttpMethod.GET, "/api/v1/bookings/bad%20id", customer, null)
        .andExpect(status().isBadRequest());
    api.perform(HttpMethod.POST, "/api/v1/bookings/x/reschedule", customer, "{\"start\":\"soon\"}")
        .andExpect(status().isBadRequest());
    api.perform(HttpMethod.POST, "/api/v1/bookings/x/reschedule", customer, "{}")
        .andExpect(status().isBadRequest());
    assertThat(platform.handled(PlaceBookingCommand.class)).hasSize(placed);
  }

  @Autowired IdempotencyClaims claims;

  private String guest(String start) {
    return "\"start\":\""
        + start
        + "\",\"customer\":{\"name\":\"Gail\",\"email\":\"gail@example.com\"}";
  }

  private static String moveTo(String start) {
    return "{\"start\":\"" + start + "\"}";
  }

  private PlaceBookingCommand lastPlaced() {
    var placed = platform.handled(PlaceBookingCommand.class);
    return placed.get(placed.size() - 1);
  }

  /** A valid token of an account with exactly these roles (dev-login always adds CUSTOMER). */
  private String tokenWithRoles(List<String> roles) {
    Instant now = clock.instant();
    return Jwts.sign(
        keys.signingKey(),
        Jwts.claims(
                "https://api.calisera.test",
                "calisera-api",
                "acc-" + UUID.randomUUID(),
                now,
                now.plusSeconds(900))
            .claim("roles", roles)
            .build());
  }
}
