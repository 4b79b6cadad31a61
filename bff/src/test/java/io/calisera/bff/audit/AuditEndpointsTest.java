package io.calisera.bff.audit;

import static io.calisera.bff.testing.Views.aBookingOnTuesdayAtNine;
import static io.calisera.bff.testing.Views.aSalonInBerlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.api.audit.ActorKind;
import io.calisera.api.audit.AuditEntry;
import io.calisera.api.audit.AuditEventPage;
import io.calisera.api.audit.BookingAuditEvents;
import io.calisera.api.audit.FindBookingAsOfQuery;
import io.calisera.api.audit.FindBookingAuditEventsQuery;
import io.calisera.api.audit.FindProviderAuditEventsQuery;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.common.Role;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.bff.booking.BookingCapabilities;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The audit API: auditors read a booking's events, its state as of an instant, a provider's events
 * and who read what; every read is recorded; nobody else reads (401 without a token, 403 with one
 * that is not an auditor's, a guest's capability opens nothing here); auditors change nothing; bad
 * parameters are problems.
 */
@BffTest
class AuditEndpointsTest {

  private static final String PROVIDER = "p-salon";
  private static final String BOOKING = "b-cara";
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final Instant PLACED_AT = Instant.parse("2026-06-01T08:00:00.123Z");
  private static final String EVENTS = "/api/v1/audit/bookings/" + BOOKING + "/events";
  private static final String STATE = "/api/v1/audit/bookings/" + BOOKING + "/state";
  private static final String PROVIDER_EVENTS = "/api/v1/audit/providers/" + PROVIDER + "/events";
  private static final String ACCESS = "/api/v1/audit/access";
  private static final String INTEGRITY = "/api/v1/audit/integrity";

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired StubPlatform platform;
  @Autowired BookingCapabilities capabilities;

  Api api;
  Api.Person auditor;
  Api.Person owner;
  Api.Person customer;
  AuditEntry placed;

  @BeforeEach
  void aBookingWithItsHistory() throws Exception {
    clock.set(BffTestConfiguration.START);
    api = new Api(mvc);
    auditor = api.person("audrey", "AUDITOR");
    owner = api.person("olga");
    customer = api.person("cara");
    placed =
        new AuditEntry(
            7,
            3,
            PROVIDER,
            "BookingPlacedEvent",
            "2",
            PLACED_AT,
            new AuditEntry.Actor(
                ActorKind.CUSTOMER, customer.accountId(), Set.of(Role.CUSTOMER, Role.PROVIDER)),
            "command-1",
            TRACE,
            "{\"bookingId\":\"b-cara\",\"start\":\"2026-06-02T07:00:00Z\",\"notes\":null}");
    platform
        .on(FindBookingAuditEventsQuery.class)
        .answerWith(query -> new BookingAuditEvents(query.bookingId(), List.of()));
    platform
        .on(new FindBookingAuditEventsQuery(BOOKING))
        .answer(new BookingAuditEvents(BOOKING, List.of(placed)));
    platform.on(FindBookingAsOfQuery.class).answerNothing();
    platform
        .on(new FindBookingAsOfQuery(BOOKING, PLACED_AT))
        .answer(aBookingOnTuesdayAtNine(BOOKING, PROVIDER, customer.accountId()));
    platform.on(FindProviderAuditEventsQuery.class).answerNothing();
    platform
        .on(FindProviderAuditEventsQuery.class)
        .answerWith(
            query ->
                query.providerId().equals(PROVIDER)
                    ? new AuditEventPage(List.of(placed), query.page(), query.size(), 41)
                    : null);
    platform
        .on(new FindProviderQuery(PROVIDER))
        .answer(aSalonInBerlin(PROVIDER, owner.accountId()));
    platform
        .on(new FindBookingQuery(BOOKING))
        .answer(aBookingOnTuesdayAtNine(BOOKING, PROVIDER, customer.accountId()));
  }

  @Test
  void anAuditorReadsABookingsEventsFieldByField() throws Exception {
    api.perform(HttpMethod.GET, EVENTS, auditor.token(), null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].globalPosition").value(7))
        .andExpect(jsonPath("$[0].sequence").value(3))
        .andExpect(jsonPath("$[0].aggregateId").value(PROVIDER))
        .andExpect(jsonPath("$[0].type").value("BookingPlacedEvent"))
        .andExpect(jsonPath("$[0].revision").value("2"))
        .andExpect(jsonPath("$[0].timestamp").value("2026-06-01T08:00:00.123Z"))
        .andExpect(jsonPath("$[0].actor.kind").value("CUSTOMER"))
        .andExpect(jsonPath("$[0].actor.accountId").value(customer.accountId()))
        .andExpect(jsonPath("$[0].actor.roles[0]").value("CUSTOMER"))
        .andExpect(jsonPath("$[0].actor.roles[1]").value("PROVIDER"))
        .andExpect(jsonPath("$[0].correlationId").value("command-1"))
        .andExpect(jsonPath("$[0].traceId").value(TRACE))
        .andExpect(jsonPath("$[0].payload.bookingId").value(BOOKING))
        .andExpect(jsonPath("$[0].payload.start").value("2026-06-02T07:00:00Z"));

    api.perform(HttpMethod.GET, "/api/v1/audit/bookings/b-unknown/events", auditor.token(), null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void anAuditorReadsABookingAsOfAnInstant() throws Exception {
    api.perform(HttpMethod.GET, STATE + "?asOf=2026-06-01T08:00:00.123Z", auditor.token(), null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.bookingId").value(BOOKING))
        .andExpect(jsonPath("$.status").value("CONFIRMED"))
        .andExpect(jsonPath("$.start").value("2026-06-02T09:00:00+02:00"))
        .andExpect(jsonPath("$.history[0].type").value("PLACED"));
    assertThat(platform.sent(FindBookingAsOfQuery.class))
        .containsExactly(new FindBookingAsOfQuery(BOOKING, PLACED_AT));

    api.perform(HttpMethod.GET, STATE + "?asOf=2026-06-01T08:00:00Z", auditor.token(), null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void anAuditorReadsAProvidersEventsByRangeAndPage() throws Exception {
    api.perform(
            HttpMethod.GET,
            PROVIDER_EVENTS + "?from=2026-06-01T00:00:00Z&to=2026-06-01T22:00:00Z&page=2&size=5",
            auditor.token(),
            null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items.length()").value(1))
        .andExpect(jsonPath("$.items[0].globalPosition").value(7))
        .andExpect(jsonPath("$.items[0].traceId").value(TRACE))
        .andExpect(jsonPath("$.page").value(2))
        .andExpect(jsonPath("$.size").value(5))
        .andExpect(jsonPath("$.total").value(41));
    assertThat(platform.sent(FindProviderAuditEventsQuery.class))
        .containsExactly(
            new FindProviderAuditEventsQuery(
                PROVIDER,
                Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-01T22:00:00Z"),
                2,
                5));

    api.perform(HttpMethod.GET, PROVIDER_EVENTS, auditor.token(), null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.page").value(0))
        .andExpect(jsonPath("$.size").value(100));
    api.perform(HttpMethod.GET, "/api/v1/audit/providers/p-unknown/events", auditor.token(), null)
        .andExpect(status().isNotFound());
  }

  @Test
  void everyAuditReadIsRecordedAndListed() throws Exception {
    clock.set(Instant.parse("2026-06-03T10:00:00Z"));
    auditor = api.login(auditor.email(), "AUDITOR");
    customer = api.login(customer.email());
    api.perform(HttpMethod.GET, EVENTS, auditor.token(), null).andExpect(status().isOk());
    clock.set(Instant.parse("2026-06-03T10:00:01Z"));
    api.perform(HttpMethod.GET, STATE + "?asOf=2026-06-01T08:00:00.123Z", auditor.token(), null)
        .andExpect(status().isOk());
    // refused reads are no reads
    api.perform(HttpMethod.GET, EVENTS, customer.token(), null).andExpect(status().isForbidden());
    clock.set(Instant.parse("2026-06-03T10:00:02Z"));

    api.perform(
            HttpMethod.GET,
            ACCESS + "?from=2026-06-03T10:00:00Z&to=2026-06-03T10:00:02.001Z",
            auditor.token(),
            null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(3))
        .andExpect(jsonPath("$[0].at").value("2026-06-03T10:00:00Z"))
        .andExpect(jsonPath("$[0].accountId").value(auditor.accountId()))
        .andExpect(jsonPath("$[0].method").value("GET"))
        .andExpect(jsonPath("$[0].path").value(EVENTS))
        .andExpect(jsonPath("$[1].path").value(STATE + "?asOf=2026-06-01T08:00:00.123Z"))
        .andExpect(jsonPath("$[2].at").value("2026-06-03T10:00:02Z"))
        .andExpect(
            jsonPath("$[2].path")
                .value(ACCESS + "?from=2026-06-03T10:00:00Z&to=2026-06-03T10:00:02.001Z"));
    api.perform(
            HttpMethod.GET,
            ACCESS + "?from=2026-06-03T10:00:01Z&to=2026-06-03T10:00:01.5Z&size=1",
            auditor.token(),
            null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].at").value("2026-06-03T10:00:01Z"));
  }

  @Test
  void nobodyButAnAuditorReads() throws Exception {
    String capability = capabilities.issue(BOOKING);
    Api.Person admin = api.person("adam", "ADMIN");
    for (String path :
        List.of(EVENTS, STATE + "?asOf=2026-06-01T08:00:00Z", PROVIDER_EVENTS, ACCESS, INTEGRITY)) {
      api.perform(HttpMethod.GET, path, null, null)
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
      mvc.perform(
              Api.call(HttpMethod.GET, path, null, null).header("Booking-Capability", capability))
          .andExpect(status().isUnauthorized());
      for (Api.Person other : List.of(customer, owner, admin)) {
        api.perform(HttpMethod.GET, path, other.token(), null)
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.code").value("FORBIDDEN"));
      }
    }
    assertThat(platform.sent(FindBookingAuditEventsQuery.class)).isEmpty();
    assertThat(platform.sent(FindProviderAuditEventsQuery.class)).isEmpty();
  }

  @Test
  void theIntegrityCheckWithoutAReachableHubIsAProblemToRetryAndARecordedRead() throws Exception {
    clock.set(Instant.parse("2026-06-04T10:00:00Z"));
    auditor = api.login(auditor.email(), "AUDITOR");

    api.perform(HttpMethod.GET, INTEGRITY, auditor.token(), null)
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.code").value("SERVICE_UNAVAILABLE"))
        .andExpect(jsonPath("$.status").value(503));
    api.perform(
            HttpMethod.GET,
            ACCESS + "?from=2026-06-04T10:00:00Z&to=2026-06-04T10:00:00.001Z",
            auditor.token(),
            null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].path").value(INTEGRITY));
  }

  @Test
  void anAuditorChangesNothing() throws Exception {
    api.perform(HttpMethod.POST, "/api/v1/bookings/" + BOOKING + "/cancel", auditor.token(), "{}")
        .andExpect(status().isForbidden());
    api.perform(HttpMethod.POST, EVENTS, auditor.token(), "{}")
        .andExpect(status().isMethodNotAllowed());
    api.perform(HttpMethod.DELETE, ACCESS, auditor.token(), null)
        .andExpect(status().isMethodNotAllowed());
    api.perform(HttpMethod.POST, INTEGRITY, auditor.token(), "{}")
        .andExpect(status().isMethodNotAllowed());
    assertThat(platform.commands()).isEmpty();
  }

  @Test
  void badParametersAreProblems() throws Exception {
    for (String path :
        List.of(
            "/api/v1/audit/bookings/" + "x".repeat(101) + "/events",
            "/api/v1/audit/bookings/bad!id/state?asOf=2026-06-01T08:00:00Z",
            STATE,
            STATE + "?asOf=",
            STATE + "?asOf=yesterday",
            STATE + "?asOf=2026-06-01T08:00:00",
            STATE + "?asOf=2026-02-30T08:00:00Z",
            "/api/v1/audit/providers/bad!id/events",
            PROVIDER_EVENTS + "?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z",
            PROVIDER_EVENTS + "?from=June",
            PROVIDER_EVENTS + "?page=-1",
            PROVIDER_EVENTS + "?page=x",
            PROVIDER_EVENTS + "?size=0",
            PROVIDER_EVENTS + "?size=501",
            ACCESS + "?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z",
            ACCESS + "?to=tomorrow",
            ACCESS + "?size=0",
            ACCESS + "?size=501")) {
      api.perform(HttpMethod.GET, path, auditor.token(), null)
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
          .andExpect(jsonPath("$.status").value(400));
    }
    assertThat(platform.sent(FindBookingAsOfQuery.class)).isEmpty();
    assertThat(platform.sent(FindProviderAuditEventsQuery.class)).isEmpty();
  }
}
