package io.calisera.bff.slots;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

/** The slot list: anyone may read it, in the zone they ask in; bad ranges and zones are 400. */
@BffTest
class SlotEndpointTest {

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;

  Api api;
  String providerId;
  String serviceId;
  String slots;

  @BeforeEach
  void aProviderOpenNineToFiveInBerlin() throws Exception {
    clock.set(BffTestConfiguration.START); // Monday 2026-06-01 10:00 in Berlin
    api = new Api(mvc);
    String owner = api.login("olga");
    providerId = api.provider(owner, "Europe/Berlin");
    serviceId = api.service(owner, providerId, "{\"name\":\"Cut\",\"durationMinutes\":60}");
    api.openEveryDay(owner, providerId, "09:00", "17:00");
    slots = "/api/v1/providers/" + providerId + "/services/" + serviceId + "/slots";
  }

  @Test
  void anyoneReadsTheSlotsInTheProvidersZoneByDefault() throws Exception {
    api.perform(HttpMethod.GET, slots + "?from=2026-06-02&to=2026-06-02", null, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.providerId").value(providerId))
        .andExpect(jsonPath("$.serviceId").value(serviceId))
        .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"))
        .andExpect(jsonPath("$.slots", hasSize(8)))
        .andExpect(jsonPath("$.slots[0].start").value("2026-06-02T09:00:00+02:00"))
        .andExpect(jsonPath("$.slots[0].end").value("2026-06-02T10:00:00+02:00"))
        .andExpect(jsonPath("$.slots[7].start").value("2026-06-02T16:00:00+02:00"));
  }

  @Test
  void slotsAreWrittenWithTheOffsetOfTheZoneAskedIn() throws Exception {
    // Tuesday 2026-06-02 in Tokyo is 2026-06-01 15:00 UTC to 2026-06-02 15:00 UTC: the Monday
    // slots from 17:00 Berlin (15:00 UTC) on are gone, Tuesday's 09:00 to 16:00 Berlin are in
    api.perform(
            HttpMethod.GET,
            slots + "?from=2026-06-02&to=2026-06-02&timeZone=Asia/Tokyo",
            null,
            null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.timeZone").value("Asia/Tokyo"))
        .andExpect(jsonPath("$.slots", hasSize(8)))
        .andExpect(jsonPath("$.slots[0].start").value("2026-06-02T16:00:00+09:00"))
        .andExpect(jsonPath("$.slots[7].end").value("2026-06-03T00:00:00+09:00"));
    api.perform(HttpMethod.GET, slots + "?from=2026-06-02&to=2026-06-02&timeZone=UTC", null, null)
        .andExpect(jsonPath("$.slots[0].start").value("2026-06-02T07:00:00Z"));
  }

  @Test
  void badRangesAndZonesAre400() throws Exception {
    for (String[] bad :
        new String[][] {
          {"?from=2026-06-02&to=2026-06-01", "to"},
          {"?from=2026-06-01&to=2026-08-02", "to"},
          {"?from=2026-06-02&to=2026-06-02&timeZone=Mars/Olympus", "timeZone"},
          {"?from=2026-06-02&to=2026-06-02&timeZone=%2B02:00", "timeZone"},
          {"?from=2026-13-02&to=2026-06-02", "from"},
          {"?from=yesterday&to=2026-06-02", "from"},
          {"?to=2026-06-02", "from"},
          {"?from=2026-06-02", "to"},
          {"?from=%2B999999999-12-31&to=%2B999999999-12-31", "from"}
        }) {
      api.perform(HttpMethod.GET, slots + bad[0], null, null)
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
          .andExpect(jsonPath("$.errors[0].field").value(bad[1]));
    }
    api.perform(HttpMethod.GET, slots + "?from=2026-06-01&to=2026-08-01", null, null)
        .andExpect(status().isOk()); // 62 days
  }

  @Test
  void anUnknownProviderOrServiceIs404() throws Exception {
    api.perform(
            HttpMethod.GET,
            "/api/v1/providers/nobody/services/"
                + serviceId
                + "/slots?from=2026-06-02&to=2026-06-02",
            null,
            null)
        .andExpect(status().isNotFound());
    api.perform(
            HttpMethod.GET,
            "/api/v1/providers/"
                + providerId
                + "/services/nothing/slots?from=2026-06-02&to=2026-06-02",
            null,
            null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }
}
