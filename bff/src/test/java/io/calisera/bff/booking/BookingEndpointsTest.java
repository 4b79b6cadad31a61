package io.calisera.bff.booking;

import static io.calisera.bff.testing.Views.aBookingOnTuesdayAtNine;
import static io.calisera.bff.testing.Views.aSalonInBerlin;
import static io.calisera.bff.testing.Views.changed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.BookingView.HistoryEntry;
import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.booking.CompleteBookingCommand;
import io.calisera.api.booking.ConfirmBookingCommand;
import io.calisera.api.booking.Customer;
import io.calisera.api.booking.DeclineBookingCommand;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.booking.FindCustomerBookingsQuery;
import io.calisera.api.booking.FindProviderBookingsQuery;
import io.calisera.api.booking.MarkNoShowCommand;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.booking.RescheduleBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.bff.auth.SigningKeys;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.Api.Person;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.Jwts;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import io.calisera.bff.testing.Views;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Bookings through the bff: who may place, see, change and answer one (customers book for
 * themselves, guests without a token; a booking is seen by its customer, the provider's owner,
 * auditors and its capability's holder, changed by its customer, the owner and the capability's
 * holder, answered by the owner only), the commands and queries each request becomes, and how the
 * platform's answers and refusals reach the client. Whether a slot is free or a window closed is
 * the command side's, stubbed here ({@link StubPlatform}).
 */
@BffTest
class BookingEndpointsTest {

  private static final String PROVIDER = "p-salon";
  private static final String SERVICE = "s-cut";
  private static final String BOOKING = "b-cara";
  private static final String TUESDAY_NINE = "2026-06-02T09:00:00+02:00";
  private static final Instant START = BffTestConfiguration.START;

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired StubPlatform platform;
  @Autowired SigningKeys keys;
  @Autowired BookingCapabilities capabilities;
  @Autowired IdempotencyClaims claims;

  Api api;
  Person owner;
  Person customer;
  Person otherCustomer;
  Person auditor;
  BookingView carasBooking;

  @BeforeEach
  void aSalonInBerlinWithCarasBookingThere() throws Exception {
    clock.set(START); // Monday 2026-06-01 10:00 in Berlin
    api = new Api(mvc);
    owner = api.person("olga");
    customer = api.person("cara");
    otherCustomer = api.person("otto");
    auditor = api.person("audrey", "AUDITOR");
    platform
        .on(new FindProviderQuery(PROVIDER))
        .answer(aSalonInBerlin(PROVIDER, owner.accountId()));
    carasBooking = aBookingOnTuesdayAtNine(BOOKING, PROVIDER, customer.accountId());
    platform.on(new FindBookingQuery(BOOKING)).answer(carasBooking);
  }

  private String booking(String json) {
    return "{\"providerId\":\"" + PROVIDER + "\",\"serviceId\":\"" + SERVICE + "\"," + json + "}";
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

  /** The read model shows {@code after} once a command of {@code type} went through. */
  private void readModelShowsAfter(Class<?> type, BookingView after) {
    platform
        .on(new FindBookingQuery(after.bookingId()))
        .answerWith(query -> platform.sent(type).isEmpty() ? carasBooking : after);
  }

  // ---- placing

  @Test
  void aGuestBooksWithoutATokenAndGetsAManageUrl() throws Exception {
    platform.on(PlaceBookingCommand.class).answerWith(Views::placedAsAsked);

    var answer =
        place(
                null,
                "\"start\":\""
                    + TUESDAY_NINE
                    + "\",\"customer\":{\"name\":\" Gail \",\"email\":\"gail@example.com\","
                    + "\"phone\":\"+49 (170) 123-4567\",\"timeZone\":\"America/New_York\"},"
                    + "\"notes\":\"first time\"",
                null)
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.status").value("CONFIRMED"))
            .andExpect(jsonPath("$.providerId").value(PROVIDER))
            .andExpect(jsonPath("$.serviceId").value(SERVICE))
            // written in the customer's zone, as the receipt names it
            .andExpect(jsonPath("$.start").value("2026-06-02T03:00:00-04:00"))
            .andExpect(jsonPath("$.end").value("2026-06-02T04:00:00-04:00"))
            .andExpect(jsonPath("$.manageUrl", startsWith("https://api.calisera.test/manage/")))
            .andReturn()
            .getResponse();

    PlaceBookingCommand sent = platform.onlySent(PlaceBookingCommand.class);
    String created = answer.getContentAsString();
    String bookingId = JsonPath.read(created, "$.bookingId");
    assertThat(answer.getHeader("Location")).isEqualTo("/api/v1/bookings/" + bookingId);
    assertThat(sent.bookingId()).isEqualTo(bookingId);
    assertThat(sent.providerId()).isEqualTo(PROVIDER);
    assertThat(sent.serviceId()).isEqualTo(SERVICE);
    assertThat(sent.start()).isEqualTo(Views.TUESDAY_NINE);
    assertThat(sent.customer())
        .isEqualTo(
            new Customer(
                "Gail", "gail@example.com", "+491701234567", ZoneId.of("America/New_York")));
    assertThat(sent.customerAccountId()).isNull();
    assertThat(sent.notes()).isEqualTo("first time");
    assertThat(sent.idempotency()).isNull();
    assertThat(sent.actor()).isEqualTo(Actor.GUEST);
    assertThat(sent.at()).isEqualTo(START);
    assertThat(Api.capabilityOf(created)).isEqualTo(capabilities.issue(bookingId));
  }

  @Test
  void aCustomerBooksForTheirAccountWithItsNameAndEmail() throws Exception {
    platform.on(PlaceBookingCommand.class).answerWith(Views::placedAsAsked);

    place(customer.token(), "\"start\":\"" + TUESDAY_NINE + "\"", null)
        .andExpect(status().isCreated())
        // no zone named: the receipt says the provider's, and so does the answer
        .andExpect(jsonPath("$.start").value(TUESDAY_NINE));

    PlaceBookingCommand sent = platform.onlySent(PlaceBookingCommand.class);
    assertThat(sent.customerAccountId()).isEqualTo(customer.accountId());
    assertThat(sent.actor().accountId()).isEqualTo(customer.accountId());
    assertThat(sent.customer().email()).isEqualTo(customer.email());
    assertThat(sent.customer().name()).isEqualTo("Test Person");
    assertThat(sent.customer().timeZone())
        .as("no zone named: the command side records the provider's")
        .isNull();
    assertThat(sent.at()).isEqualTo(START);
  }

  @Test
  void anAuthenticatedCallerWhoIsNoCustomerMayNotBook() throws Exception {
    place(
            Jwts.ofAccountWithRoles(keys.signingKey(), clock.instant(), "AUDITOR"),
            "\"start\":\"" + TUESDAY_NINE + "\"",
            null)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    assertThat(platform.commands()).isEmpty();
  }

  @Test
  void aBadTokenIsNotTakenForAGuest() throws Exception {
    place("not.a.jwt", guest(TUESDAY_NINE), null)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    assertThat(platform.commands()).isEmpty();
  }

  @Test
  void aGuestMustGiveNameAndEmailAndAValidPhone() throws Exception {
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
    assertThat(platform.commands()).isEmpty();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "SLOT_TAKEN, 409",
    "NOT_A_SLOT, 422",
    "INSIDE_MINIMUM_NOTICE, 422",
    "BEYOND_BOOKING_HORIZON, 422",
    "IN_THE_PAST, 422",
    "IDEMPOTENCY_KEY_REUSED, 422",
    "NOT_FOUND, 404"
  })
  void aRefusedBookingReachesTheClientWithTheRefusalsStatusAndCode(RefusalCode code, int status)
      throws Exception {
    platform.on(PlaceBookingCommand.class).refuse(code);
    place(customer.token(), "\"start\":\"" + TUESDAY_NINE + "\"", UUID.randomUUID().toString())
        .andExpect(status().is(status))
        .andExpect(jsonPath("$.code").value(code.name()));
  }

  // ---- idempotency

  @Test
  void anIdempotencyKeyTravelsScopedToTheCallerWithTheRequestAsRead() throws Exception {
    platform.on(PlaceBookingCommand.class).answerWith(Views::placedAsAsked);
    String key = UUID.randomUUID().toString();

    place(customer.token(), "\"start\":\"" + TUESDAY_NINE + "\"", key);
    // the same request written otherwise: the start in UTC, the notes padded
    place(customer.token(), "\"start\" : \"2026-06-02T07:00:00Z\",\"notes\":\"  \"", key);
    place(customer.token(), "\"start\":\"2026-06-02T10:00:00+02:00\"", key);
    place(null, guest(TUESDAY_NINE), key);
    place(customer.token(), "\"start\":\"" + TUESDAY_NINE + "\"", null);

    var sent = platform.sent(PlaceBookingCommand.class);
    assertThat(sent.get(0).idempotency().scope()).isEqualTo(customer.accountId());
    assertThat(sent.get(0).idempotency().key()).isEqualTo(key);
    assertThat(sent.get(1).idempotency()).isEqualTo(sent.get(0).idempotency());
    assertThat(sent.get(2).idempotency().fingerprint())
        .isNotEqualTo(sent.get(0).idempotency().fingerprint());
    assertThat(sent.get(3).idempotency().scope()).isEqualTo(BookingController.GUEST_SCOPE);
    assertThat(sent.get(4).idempotency()).isNull();
  }

  @Test
  void aRepeatTheCommandSideRecognisesGetsTheFirstAnswerAgain() throws Exception {
    platform.on(PlaceBookingCommand.class).answerWith(Views::placedAsAsked);
    String key = UUID.randomUUID().toString();
    String first =
        place(null, guest(TUESDAY_NINE), key)
            .andExpect(status().isCreated())
            .andExpect(header().doesNotExist("Idempotent-Replayed"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    BookingReceipt firstReceipt = Views.placedAsAsked(platform.onlySent(PlaceBookingCommand.class));
    platform.on(PlaceBookingCommand.class).answer(Views.repeated(firstReceipt));

    String again =
        place(null, guest(TUESDAY_NINE), key)
            .andExpect(status().isCreated())
            .andExpect(header().string("Idempotent-Replayed", "true"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(again).as("the same booking and manage link").isEqualTo(first);
  }

  @Test
  void aKeyWhoseFirstRequestStillRunsIs409() throws Exception {
    platform.on(PlaceBookingCommand.class).answerWith(Views::placedAsAsked);
    String key = UUID.randomUUID().toString();
    IdempotencyClaimsTest.whileHeld(
        claims,
        customer.accountId(),
        key,
        () ->
            place(customer.token(), "\"start\":\"" + TUESDAY_NINE + "\"", key)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_IN_FLIGHT")));
    assertThat(platform.commands()).isEmpty();
    place(customer.token(), "\"start\":\"" + TUESDAY_NINE + "\"", key)
        .andExpect(status().isCreated());
  }

  // ---- seeing one

  @Test
  void theBookingIsSeenByItsCustomerTheOwnerAnAuditorAndItsCapabilityOnly() throws Exception {
    String path = "/api/v1/bookings/" + BOOKING;

    api.perform(HttpMethod.GET, path, customer.token(), null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.bookingId").value(BOOKING))
        .andExpect(jsonPath("$.start").value(TUESDAY_NINE));
    api.perform(HttpMethod.GET, path, owner.token(), null).andExpect(status().isOk());
    api.perform(HttpMethod.GET, path, auditor.token(), null).andExpect(status().isOk());
    withCapability(HttpMethod.GET, path, capabilities.issue(BOOKING), null)
        .andExpect(status().isOk());

    api.perform(HttpMethod.GET, path, null, null)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    api.perform(HttpMethod.GET, path, otherCustomer.token(), null)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    withCapability(HttpMethod.GET, path, capabilities.issue("b-other"), null)
        .andExpect(status().isForbidden());
    withCapability(HttpMethod.GET, path, BOOKING + ".forged", null)
        .andExpect(status().isForbidden());
    withCapability(HttpMethod.GET, path, "garbage", null).andExpect(status().isForbidden());

    platform.on(new FindBookingQuery("b-unknown")).answerNothing();
    api.perform(HttpMethod.GET, "/api/v1/bookings/b-unknown", customer.token(), null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void aBookingIsWrittenInItsCustomersZoneWithItsHistory() throws Exception {
    Instant placed = Instant.parse("2026-06-01T08:00:00Z");
    platform
        .on(new FindBookingQuery("b-gail"))
        .answer(
            new BookingView(
                "b-gail",
                BookingStatus.CANCELLED,
                PROVIDER,
                SERVICE,
                Views.TUESDAY_NINE,
                Views.TUESDAY_NINE.plusSeconds(3600),
                new Customer(
                    "Gail", "gail@example.com", "+491701234567", ZoneId.of("America/New_York")),
                null,
                "first time",
                placed,
                List.of(
                    new HistoryEntry(placed, "PLACED", Actor.GUEST_ID),
                    new HistoryEntry(placed.plusSeconds(60), "CANCELLED", owner.accountId()))));

    withCapability(HttpMethod.GET, "/api/v1/bookings/b-gail", capabilities.issue("b-gail"), null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CANCELLED"))
        .andExpect(jsonPath("$.start").value("2026-06-02T03:00:00-04:00"))
        .andExpect(jsonPath("$.end").value("2026-06-02T04:00:00-04:00"))
        .andExpect(jsonPath("$.customer.name").value("Gail"))
        .andExpect(jsonPath("$.customer.phone").value("+491701234567"))
        .andExpect(jsonPath("$.customer.timeZone").value("America/New_York"))
        .andExpect(jsonPath("$.notes").value("first time"))
        .andExpect(jsonPath("$.createdAt").value("2026-06-01T04:00:00-04:00"))
        .andExpect(jsonPath("$.history[0].at").value("2026-06-01T04:00:00-04:00"))
        .andExpect(jsonPath("$.history[0].type").value("PLACED"))
        .andExpect(jsonPath("$.history[0].by").value("guest"))
        .andExpect(jsonPath("$.history[1].type").value("CANCELLED"))
        .andExpect(jsonPath("$.history[1].by").value(owner.accountId()))
        .andExpect(jsonPath("$.manageUrl").doesNotExist())
        .andExpect(jsonPath("$.customerAccountId").doesNotExist());
  }

  @Test
  void aCapabilityOpensNothingButItsBooking() throws Exception {
    String capability = capabilities.issue("b-gail");
    platform
        .on(new FindBookingQuery("b-gail"))
        .answer(aBookingOnTuesdayAtNine("b-gail", PROVIDER, null));
    for (String[] call :
        new String[][] {
          {"POST", "/api/v1/bookings/" + BOOKING + "/cancel", "{}"},
          {"POST", "/api/v1/bookings/" + BOOKING + "/reschedule", moveTo(TUESDAY_NINE)},
          {"GET", "/api/v1/providers/" + PROVIDER + "/bookings", null},
          {"GET", "/api/v1/me/bookings", null},
          {"PUT", "/api/v1/providers/" + PROVIDER + "/availability", "{}"},
          {"POST", "/api/v1/bookings/b-gail/confirm", null},
          {"POST", "/api/v1/bookings/b-gail/complete", null}
        }) {
      int status =
          withCapability(HttpMethod.valueOf(call[0]), call[1], capability, call[2])
              .andReturn()
              .getResponse()
              .getStatus();
      assertThat(status).as(call[0] + " " + call[1]).isIn(401, 403);
    }
    assertThat(platform.commands()).isEmpty();
  }

  // ---- changing one

  @Test
  void itsCustomerCancelsItAndGetsTheBookingAsItIsAfterwards() throws Exception {
    platform.on(CancelBookingCommand.class).succeed();
    readModelShowsAfter(
        CancelBookingCommand.class,
        changed(carasBooking, BookingStatus.CANCELLED, "CANCELLED", customer.accountId()));
    String cancel = "/api/v1/bookings/" + BOOKING + "/cancel";

    api.perform(HttpMethod.POST, cancel, otherCustomer.token(), "{}")
        .andExpect(status().isForbidden());
    api.perform(HttpMethod.POST, cancel, auditor.token(), "{}").andExpect(status().isForbidden());
    api.perform(HttpMethod.POST, cancel, null, "{}").andExpect(status().isUnauthorized());
    assertThat(platform.commands()).isEmpty();

    api.perform(HttpMethod.POST, cancel, customer.token(), "{\"reason\":\" ill \"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CANCELLED"))
        .andExpect(jsonPath("$.history[1].type").value("CANCELLED"));
    assertThat(platform.onlySent(CancelBookingCommand.class))
        .isEqualTo(new CancelBookingCommand(PROVIDER, BOOKING, "ill", customer.actor(), START));
  }

  @Test
  void theCapabilityCancelsAsAGuestAndTheOwnerAsThemselves() throws Exception {
    platform.on(CancelBookingCommand.class).succeed();
    String cancel = "/api/v1/bookings/" + BOOKING + "/cancel";

    withCapability(HttpMethod.POST, cancel, capabilities.issue(BOOKING), null)
        .andExpect(status().isOk());
    api.perform(HttpMethod.POST, cancel, owner.token(), "{}").andExpect(status().isOk());

    assertThat(platform.sent(CancelBookingCommand.class))
        .extracting(CancelBookingCommand::actor)
        .containsExactly(Actor.GUEST, owner.actor());
  }

  @Test
  void itsCustomerTheCapabilityAndTheOwnerMoveIt() throws Exception {
    platform.on(RescheduleBookingCommand.class).succeed();
    String move = "/api/v1/bookings/" + BOOKING + "/reschedule";
    String eleven = "2026-06-02T11:00:00+02:00";

    api.perform(HttpMethod.POST, move, otherCustomer.token(), moveTo(eleven))
        .andExpect(status().isForbidden());
    api.perform(HttpMethod.POST, move, null, moveTo(eleven)).andExpect(status().isUnauthorized());
    assertThat(platform.commands()).isEmpty();

    api.perform(
            HttpMethod.POST,
            move,
            customer.token(),
            "{\"start\":\"" + eleven + "\",\"reason\":\"later\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.bookingId").value(BOOKING));
    withCapability(HttpMethod.POST, move, capabilities.issue(BOOKING), moveTo(eleven))
        .andExpect(status().isOk());
    api.perform(HttpMethod.POST, move, owner.token(), moveTo("2026-06-02T09:00:00Z"))
        .andExpect(status().isOk());

    Instant elevenInBerlin = Instant.parse("2026-06-02T09:00:00Z");
    assertThat(platform.sent(RescheduleBookingCommand.class))
        .containsExactly(
            new RescheduleBookingCommand(
                PROVIDER, BOOKING, elevenInBerlin, "later", customer.actor(), START),
            new RescheduleBookingCommand(
                PROVIDER, BOOKING, elevenInBerlin, null, Actor.GUEST, START),
            new RescheduleBookingCommand(
                PROVIDER, BOOKING, elevenInBerlin, null, owner.actor(), START));
  }

  @Test
  void onlyTheOwnerConfirmsDeclinesCompletesAndMarksNoShows() throws Exception {
    String[] answers = {"confirm", "decline", "complete", "no-show"};
    for (Person who : new Person[] {customer, otherCustomer, auditor}) {
      for (String answer : answers) {
        api.perform(
                HttpMethod.POST, "/api/v1/bookings/" + BOOKING + "/" + answer, who.token(), null)
            .andExpect(status().isForbidden());
      }
    }
    for (String answer : answers) {
      api.perform(HttpMethod.POST, "/api/v1/bookings/" + BOOKING + "/" + answer, null, null)
          .andExpect(status().isUnauthorized());
    }
    assertThat(platform.commands()).isEmpty();

    for (Class<?> type :
        List.of(
            ConfirmBookingCommand.class,
            DeclineBookingCommand.class,
            CompleteBookingCommand.class,
            MarkNoShowCommand.class)) {
      platform.on(type).succeed();
    }
    for (String answer : answers) {
      api.perform(
              HttpMethod.POST,
              "/api/v1/bookings/" + BOOKING + "/" + answer,
              owner.token(),
              answer.equals("decline") ? "{\"reason\":\"away\"}" : null)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.bookingId").value(BOOKING));
    }
    Actor olga = owner.actor();
    assertThat(platform.commands())
        .containsExactly(
            new ConfirmBookingCommand(PROVIDER, BOOKING, olga, START),
            new DeclineBookingCommand(PROVIDER, BOOKING, "away", olga, START),
            new CompleteBookingCommand(PROVIDER, BOOKING, olga, START),
            new MarkNoShowCommand(PROVIDER, BOOKING, olga, START));

    platform.on(new FindBookingQuery("b-unknown")).answerNothing();
    api.perform(HttpMethod.POST, "/api/v1/bookings/b-unknown/confirm", owner.token(), null)
        .andExpect(status().isNotFound());
  }

  @ParameterizedTest(name = "{0} refused {1} is {2}")
  @CsvSource({
    "cancel, INVALID_STATE, 409",
    "cancel, CANCELLATION_WINDOW_CLOSED, 422",
    "reschedule, SLOT_TAKEN, 409",
    "reschedule, NOT_A_SLOT, 422",
    "confirm, INVALID_STATE, 409",
    "decline, INVALID_STATE, 409",
    "complete, INVALID_STATE, 409",
    "no-show, INVALID_STATE, 409"
  })
  void aRefusedChangeReachesTheClientWithTheRefusalsStatusAndCode(
      String change, RefusalCode code, int status) throws Exception {
    for (Class<?> type :
        List.of(
            CancelBookingCommand.class,
            RescheduleBookingCommand.class,
            ConfirmBookingCommand.class,
            DeclineBookingCommand.class,
            CompleteBookingCommand.class,
            MarkNoShowCommand.class)) {
      platform.on(type).refuse(code);
    }
    api.perform(
            HttpMethod.POST,
            "/api/v1/bookings/" + BOOKING + "/" + change,
            owner.token(),
            change.equals("reschedule") ? moveTo(TUESDAY_NINE) : null)
        .andExpect(status().is(status))
        .andExpect(jsonPath("$.code").value(code.name()));
    assertThat(platform.commands()).hasSize(1);
  }

  // ---- lists

  @Test
  void customersListTheirOwnBookingsWithDatesReadInTheZoneTheyName() throws Exception {
    platform
        .on(FindCustomerBookingsQuery.class)
        .answerWith(query -> new BookingPage(List.of(carasBooking), query.page(), query.size(), 7));

    api.perform(HttpMethod.GET, "/api/v1/me/bookings", customer.token(), null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items", hasSize(1)))
        .andExpect(jsonPath("$.items[0].bookingId").value(BOOKING))
        .andExpect(jsonPath("$.items[0].start").value(TUESDAY_NINE))
        .andExpect(jsonPath("$.page").value(0))
        .andExpect(jsonPath("$.size").value(20))
        .andExpect(jsonPath("$.total").value(7));
    api.perform(
        HttpMethod.GET,
        "/api/v1/me/bookings?from=2026-06-03&to=2026-06-03&timeZone=Europe/Berlin&status=CONFIRMED",
        customer.token(),
        null);
    api.perform(HttpMethod.GET, "/api/v1/me/bookings?from=2026-06-03", customer.token(), null);
    api.perform(
        HttpMethod.GET,
        "/api/v1/me/bookings?from=2026-06-02T07:30:00Z&page=2&size=1",
        customer.token(),
        null);

    String cara = customer.accountId();
    assertThat(platform.sent(FindCustomerBookingsQuery.class))
        .containsExactly(
            new FindCustomerBookingsQuery(cara, null, null, null, 0, 20),
            new FindCustomerBookingsQuery(
                cara,
                Instant.parse("2026-06-02T22:00:00Z"),
                Instant.parse("2026-06-03T22:00:00Z"),
                BookingStatus.CONFIRMED,
                0,
                20),
            // dates without a zone are read in UTC
            new FindCustomerBookingsQuery(
                cara, Instant.parse("2026-06-03T00:00:00Z"), null, null, 0, 20),
            new FindCustomerBookingsQuery(
                cara, Instant.parse("2026-06-02T07:30:00Z"), null, null, 2, 1));

    api.perform(
            HttpMethod.GET,
            "/api/v1/me/bookings",
            Jwts.ofAccountWithRoles(keys.signingKey(), clock.instant(), "AUDITOR"),
            null)
        .andExpect(status().isForbidden());
    api.perform(HttpMethod.GET, "/api/v1/me/bookings", null, null)
        .andExpect(status().isUnauthorized());
    for (String bad :
        new String[] {
          "?status=LOST",
          "?from=tomorrow",
          "?from=2026-06-03&to=2026-06-02",
          "?size=101",
          "?page=-1",
          "?timeZone=Nowhere"
        }) {
      api.perform(HttpMethod.GET, "/api/v1/me/bookings" + bad, customer.token(), null)
          .andExpect(status().isBadRequest());
    }
    assertThat(platform.sent(FindCustomerBookingsQuery.class)).hasSize(4);
  }

  @Test
  void onlyTheOwnerReadsTheAgendaWithDatesInTheProvidersZone() throws Exception {
    platform
        .on(FindProviderBookingsQuery.class)
        .answerWith(query -> new BookingPage(List.of(carasBooking), query.page(), query.size(), 1));
    String agenda = "/api/v1/providers/" + PROVIDER + "/bookings";

    api.perform(HttpMethod.GET, agenda, owner.token(), null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].bookingId").value(BOOKING))
        .andExpect(jsonPath("$.items[0].start").value(TUESDAY_NINE))
        .andExpect(jsonPath("$.total").value(1));
    api.perform(
        HttpMethod.GET,
        agenda + "?from=2026-06-03&to=2026-06-03&status=PENDING",
        owner.token(),
        null);
    api.perform(
        HttpMethod.GET, agenda + "?from=2026-06-03&timeZone=Asia/Tokyo", owner.token(), null);
    assertThat(platform.sent(FindProviderBookingsQuery.class))
        .containsExactly(
            new FindProviderBookingsQuery(PROVIDER, null, null, null, 0, 20),
            new FindProviderBookingsQuery(
                PROVIDER,
                Instant.parse("2026-06-02T22:00:00Z"),
                Instant.parse("2026-06-03T22:00:00Z"),
                BookingStatus.PENDING,
                0,
                20),
            new FindProviderBookingsQuery(
                PROVIDER, Instant.parse("2026-06-02T15:00:00Z"), null, null, 0, 20));

    api.perform(HttpMethod.GET, agenda, customer.token(), null).andExpect(status().isForbidden());
    api.perform(HttpMethod.GET, agenda, null, null).andExpect(status().isUnauthorized());
    platform.on(new FindProviderQuery("nobody")).answerNothing();
    api.perform(HttpMethod.GET, "/api/v1/providers/nobody/bookings", owner.token(), null)
        .andExpect(status().isNotFound());
    assertThat(platform.sent(FindProviderBookingsQuery.class)).hasSize(3);
  }

  // ---- bad input

  @Test
  void badInputIs400AndNever5xx() throws Exception {
    for (String body :
        new String[] {
          "{\"providerId\":\"" + PROVIDER + "\"}",
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
      mvc.perform(Api.call(HttpMethod.POST, "/api/v1/bookings", customer.token(), body))
          .andExpect(status().isBadRequest());
    }
    mvc.perform(Api.call(HttpMethod.POST, "/api/v1/bookings", customer.token(), "{\"providerId\":"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
    place(customer.token(), "\"start\":\"" + TUESDAY_NINE + "\"", "key with spaces")
        .andExpect(status().isBadRequest());
    place(customer.token(), "\"start\":\"" + TUESDAY_NINE + "\"", "k".repeat(201))
        .andExpect(status().isBadRequest());
    mvc.perform(
            Api.call(
                HttpMethod.POST,
                "/api/v1/bookings",
                customer.token(),
                booking(
                    "\"start\":\"" + TUESDAY_NINE + "\",\"notes\":\"" + "x".repeat(5000) + "\"")))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.code").value("PAYLOAD_TOO_LARGE"));
    api.perform(HttpMethod.GET, "/api/v1/bookings/bad%20id", customer.token(), null)
        .andExpect(status().isBadRequest());
    api.perform(
            HttpMethod.POST,
            "/api/v1/bookings/" + BOOKING + "/reschedule",
            customer.token(),
            "{\"start\":\"soon\"}")
        .andExpect(status().isBadRequest());
    api.perform(
            HttpMethod.POST, "/api/v1/bookings/" + BOOKING + "/reschedule", customer.token(), "{}")
        .andExpect(status().isBadRequest());
    assertThat(platform.commands()).isEmpty();
  }

  private String guest(String start) {
    return "\"start\":\""
        + start
        + "\",\"customer\":{\"name\":\"Gail\",\"email\":\"gail@example.com\"}";
  }

  private static String moveTo(String start) {
    return "{\"start\":\"" + start + "\"}";
  }
}
