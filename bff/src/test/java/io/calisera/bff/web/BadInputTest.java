package io.calisera.bff.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.Api.Person;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import io.calisera.bff.testing.Views;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every public input of the providers, slots and bookings endpoints (path ids, query parameters,
 * headers, bodies) given bad values, by a caller who may call the endpoint: always a 4xx problem,
 * never a 5xx, and never a command sent.
 */
@BffTest
class BadInputTest {

  private static final String LONG_ID = "a".repeat(101);
  private static final String[] BAD_BODIES = {
    "{", "[]", "\"text\"", "42", "null", "{\"displayName\":{}}", "{\"start\":[1,2]}"
  };

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired StubPlatform platform;

  Api api;
  String owner;
  String customer;
  String providerId = "p-salon";
  String serviceId = "s-cut";
  String bookingId = "b-cara";

  /** Callers who may call each endpoint, so that only the input can be wrong. */
  @BeforeEach
  void aProviderWithAServiceAndABooking() throws Exception {
    clock.set(BffTestConfiguration.START);
    api = new Api(mvc);
    Person olga = api.person("olga");
    Person cara = api.person("cara");
    owner = olga.token();
    customer = cara.token();
    platform
        .on(new FindProviderQuery(providerId))
        .answer(Views.aSalonInBerlin(providerId, olga.accountId(), Views.anHourCut(serviceId)));
    platform
        .on(new FindBookingQuery(bookingId))
        .answer(Views.aBookingOnTuesdayAtNine(bookingId, providerId, cara.accountId()));
  }

  record Case(HttpMethod method, String path, String token, String body) {}

  @Test
  void everyBadInputIsA4xxProblem() throws Exception {
    String p = "/api/v1/providers/" + providerId;
    String b = "/api/v1/bookings/" + bookingId;
    String slots = p + "/services/" + serviceId + "/slots";
    List<Case> cases = new ArrayList<>();
    // path ids: too long, not an id
    // (what the firewall refuses, e.g. ";", "%2F" or "..", is PublicApiIT's: MockMvc has no error
    // page)
    for (String id : new String[] {LONG_ID, "a b", "\u2713", "a.b", "a+b", "a:b"}) {
      cases.add(new Case(HttpMethod.GET, "/api/v1/providers/" + id, null, null));
      cases.add(new Case(HttpMethod.GET, "/api/v1/providers/" + id + "/availability", null, null));
      cases.add(new Case(HttpMethod.GET, "/api/v1/providers/" + id + "/qr", null, null));
      cases.add(
          new Case(
              HttpMethod.GET,
              p + "/services/" + id + "/slots?from=2026-06-02&to=2026-06-02",
              null,
              null));
      cases.add(
          new Case(
              HttpMethod.PUT,
              "/api/v1/providers/" + id,
              owner,
              "{\"displayName\":\"X\",\"timeZone\":\"UTC\"}"));
      cases.add(new Case(HttpMethod.DELETE, p + "/services/" + id, owner, null));
      cases.add(new Case(HttpMethod.GET, "/api/v1/bookings/" + id, customer, null));
      cases.add(new Case(HttpMethod.POST, "/api/v1/bookings/" + id + "/cancel", customer, "{}"));
      cases.add(new Case(HttpMethod.POST, "/api/v1/bookings/" + id + "/confirm", owner, null));
      cases.add(
          new Case(
              HttpMethod.GET,
              "/api/v1/providers/" + id + "/insights?from=2026-06-01&to=2026-06-30",
              owner,
              null));
    }
    // query parameters
    for (String query :
        new String[] {
          "",
          "?from=2026-06-02",
          "?from=x&to=2026-06-02",
          "?from=2026-06-02&to=2026-06-40",
          "?from=2026-06-02&to=2026-06-01",
          "?from=2026-06-01&to=2026-09-01",
          "?from=2026-06-02&to=2026-06-02&timeZone=",
          "?from=2026-06-02&to=2026-06-02&timeZone=CET1",
          "?from=2026-06-02&to=2026-06-02&timeZone=" + "Z".repeat(101)
        }) {
      cases.add(new Case(HttpMethod.GET, slots + query, null, null));
    }
    for (String query :
        new String[] {
          "",
          "?from=2026-06-01",
          "?to=2026-06-30",
          "?from=x&to=2026-06-30",
          "?from=2026-06-01&to=2026-06-31",
          "?from=2026-06-02&to=2026-06-01",
          "?from=2026-01-01&to=2027-01-02",
          "?from=0001-01-01&to=0001-01-02",
          "?from=2026-06-01T00:00&to=2026-06-30"
        }) {
      cases.add(new Case(HttpMethod.GET, p + "/insights" + query, owner, null));
      cases.add(new Case(HttpMethod.GET, p + "/insights/chart.svg" + query, owner, null));
    }
    for (String query :
        new String[] {
          "?page=-1",
          "?size=0",
          "?size=101",
          "?page=x",
          "?q=" + "q".repeat(201),
          "?city=" + "c".repeat(101)
        }) {
      cases.add(new Case(HttpMethod.GET, "/api/v1/providers" + query, null, null));
    }
    for (String query : new String[] {"?format=jpg", "?size=63", "?size=1025", "?size=1e3"}) {
      cases.add(new Case(HttpMethod.GET, p + "/qr" + query, null, null));
    }
    for (String query :
        new String[] {
          "?status=done",
          "?from=2026-06-32",
          "?to=later",
          "?from=2026-06-02T09:00",
          "?timeZone=Berlin",
          "?page=-2",
          "?size=1000",
          "?from=2026-06-03&to=2026-06-01"
        }) {
      cases.add(new Case(HttpMethod.GET, "/api/v1/me/bookings" + query, customer, null));
      cases.add(new Case(HttpMethod.GET, p + "/bookings" + query, owner, null));
    }
    // bodies
    for (String body : BAD_BODIES) {
      cases.add(new Case(HttpMethod.POST, "/api/v1/providers", owner, body));
      cases.add(new Case(HttpMethod.PUT, p, owner, body));
      cases.add(new Case(HttpMethod.POST, p + "/services", owner, body));
      cases.add(new Case(HttpMethod.PUT, p + "/services/" + serviceId, owner, body));
      if (!body.startsWith("{\"")) { // unknown fields aside, {} is an empty schedule
        cases.add(new Case(HttpMethod.PUT, p + "/availability", owner, body));
      }
      cases.add(new Case(HttpMethod.POST, "/api/v1/bookings", customer, body));
      cases.add(new Case(HttpMethod.POST, "/api/v1/bookings", null, body));
      cases.add(new Case(HttpMethod.POST, b + "/reschedule", customer, body));
    }
    for (String body :
        new String[] {
          "{\"displayName\":\"\",\"timeZone\":\"UTC\"}",
          "{\"displayName\":\"X\",\"timeZone\":\"Europe/Atlantis\"}",
          "{\"displayName\":\"X\"}",
          "{\"displayName\":\"X\",\"timeZone\":\"UTC\",\"slug\":\"Ab\"}",
          "{\"displayName\":\"" + "x".repeat(201) + "\",\"timeZone\":\"UTC\"}",
          "{\"displayName\":\"X\",\"timeZone\":\"UTC\",\"bio\":" + "[]" + "}"
        }) {
      cases.add(new Case(HttpMethod.POST, "/api/v1/providers", owner, body));
      cases.add(new Case(HttpMethod.PUT, p, owner, body));
    }
    for (String body :
        new String[] {
          "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"09:00\"}]}",
          "{\"weekly\":[{\"day\":\"monday\",\"start\":\"09:00\",\"end\":\"10:00\"}]}",
          "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"09:00:30\",\"end\":\"10:00\"}]}",
          "{\"weekly\":{}}",
          "{\"overrides\":[{\"date\":null,\"intervals\":[]}]}",
          "{\"overrides\":[{\"date\":\"2026-06-01\",\"intervals\":[null]}]}",
          "{\"overrides\":[{\"date\":\"1800-06-01\",\"intervals\":[]}]}"
        }) {
      cases.add(new Case(HttpMethod.PUT, p + "/availability", owner, body));
    }
    for (String json :
        new String[] {
          "\"serviceId\":\"" + serviceId + "\",\"start\":\"2026-06-02T10:00:00+02:00\"",
          "\"providerId\":\"" + providerId + "\",\"start\":\"2026-06-02T10:00:00+02:00\"",
          "\"providerId\":\"" + providerId + "\",\"serviceId\":\"" + serviceId + "\"",
          "\"providerId\":\""
              + providerId
              + "\",\"serviceId\":\""
              + serviceId
              + "\",\"start\":\"2026-06-02 10:00\"",
          "\"providerId\":\""
              + providerId
              + "\",\"serviceId\":\""
              + serviceId
              + "\",\"start\":\"2026-06-02T10:00:00+02:00\",\"customer\":\"me\"",
          "\"providerId\":\""
              + providerId
              + "\",\"serviceId\":\""
              + serviceId
              + "\",\"start\":\"2026-06-02T10:00:00+02:00\",\"customer\":{\"phone\":\"12\"}",
          "\"providerId\":\""
              + providerId
              + "\",\"serviceId\":\""
              + serviceId
              + "\",\"start\":\"2026-06-02T10:00:00+02:00\",\"customer\":{\"timeZone\":\"GMT+25\"}",
          "\"providerId\":\""
              + providerId
              + "\",\"serviceId\":\""
              + serviceId
              + "\",\"start\":\"2026-06-02T10:00:00+02:00\",\"customer\":{\"email\":\"@\"}"
        }) {
      cases.add(new Case(HttpMethod.POST, "/api/v1/bookings", customer, "{" + json + "}"));
    }
    cases.add(
        new Case(
            HttpMethod.POST, b + "/cancel", customer, "{\"reason\":\"" + "r".repeat(1001) + "\"}"));
    cases.add(new Case(HttpMethod.POST, b + "/decline", owner, "{\"reason\":7,\"x\":[}"));
    cases.add(
        new Case(
            HttpMethod.POST, b + "/reschedule", customer, "{\"start\":\"2026-13-01T10:00:00Z\"}"));

    int sent = 0;
    for (Case c : cases) {
      MockHttpServletResponse answer =
          mvc.perform(Api.call(c.method(), c.path(), c.token(), c.body()))
              .andReturn()
              .getResponse();
      assertThat(answer.getStatus())
          .as(c + " -> " + answer.getContentAsString())
          .isBetween(400, 499);
      assertThat(answer.getContentType()).as(c.toString()).startsWith("application/problem+json");
      sent++;
    }
    assertThat(sent).isGreaterThan(150);
    assertThat(platform.commands()).isEmpty();
  }

  @Test
  void badHeadersAre400() throws Exception {
    String body =
        "{\"providerId\":\""
            + providerId
            + "\",\"serviceId\":\""
            + serviceId
            + "\",\"start\":\"2026-06-02T10:00:00+02:00\"}";
    for (String key : new String[] {"", " ", "a b", "k".repeat(201), "ключ"}) {
      var answer =
          mvc.perform(
                  Api.call(HttpMethod.POST, "/api/v1/bookings", customer, body)
                      .header("Idempotency-Key", key))
              .andReturn()
              .getResponse();
      assertThat(answer.getStatus()).as("Idempotency-Key '" + key + "'").isEqualTo(400);
    }
    var capability =
        mvc.perform(
                Api.call(HttpMethod.GET, "/api/v1/bookings/" + bookingId, null, null)
                    .header("Booking-Capability", "c".repeat(201)))
            .andReturn()
            .getResponse();
    assertThat(capability.getStatus()).isBetween(400, 403);
    assertThat(platform.commands()).isEmpty();
  }
}
