package io.calisera.bff.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.api.common.RefusalCode;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.Slot;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.StubPlatform;
import io.calisera.bff.testing.Views;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The slot list: anyone may read it; the dates and the zone asked for travel to the query side, and
 * its slots come back written with the offset of the zone it answers in; bad ranges and zones are
 * 400 and ask nothing, for the live stream too, before it opens. Which slots are free is the query
 * side's, stubbed here; the stream's events are PublicApiIT's.
 */
@BffTest
class SlotEndpointTest {

  private static final String SLOTS = "/api/v1/providers/p-salon/services/s-cut/slots";
  private static final String STREAM = SLOTS + "/stream";
  private static final LocalDate TUESDAY = LocalDate.parse("2026-06-02");

  @Autowired MockMvc mvc;
  @Autowired StubPlatform platform;

  Api api;

  @BeforeEach
  void api() {
    api = new Api(mvc);
  }

  /** Two slots of an hour on Tuesday from 09:00 in Berlin, answered in {@code zone}. */
  private static AvailableSlots tuesdayNineAndTen(ZoneId zone) {
    Instant nine = Views.TUESDAY_NINE;
    return new AvailableSlots(
        "p-salon",
        "s-cut",
        zone,
        List.of(
            Slot.of(nine, Duration.ofHours(1)),
            Slot.of(nine.plus(Duration.ofHours(1)), Duration.ofHours(1))));
  }

  @Test
  void anyoneReadsTheSlotsInTheZoneTheQuerySideAnswersByDefault() throws Exception {
    platform
        .on(new FindAvailableSlotsQuery("p-salon", "s-cut", TUESDAY, TUESDAY, null))
        .answer(tuesdayNineAndTen(Views.BERLIN));

    api.perform(HttpMethod.GET, SLOTS + "?from=2026-06-02&to=2026-06-02", null, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.providerId").value("p-salon"))
        .andExpect(jsonPath("$.serviceId").value("s-cut"))
        .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"))
        .andExpect(jsonPath("$.slots", hasSize(2)))
        .andExpect(jsonPath("$.slots[0].start").value("2026-06-02T09:00:00+02:00"))
        .andExpect(jsonPath("$.slots[0].end").value("2026-06-02T10:00:00+02:00"))
        .andExpect(jsonPath("$.slots[1].start").value("2026-06-02T10:00:00+02:00"));
  }

  @Test
  void slotsAreWrittenWithTheOffsetOfTheZoneAskedIn() throws Exception {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    platform
        .on(new FindAvailableSlotsQuery("p-salon", "s-cut", TUESDAY, TUESDAY, tokyo))
        .answer(tuesdayNineAndTen(tokyo));
    platform
        .on(new FindAvailableSlotsQuery("p-salon", "s-cut", TUESDAY, TUESDAY, ZoneId.of("UTC")))
        .answer(tuesdayNineAndTen(ZoneId.of("UTC")));

    api.perform(
            HttpMethod.GET,
            SLOTS + "?from=2026-06-02&to=2026-06-02&timeZone=Asia/Tokyo",
            null,
            null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.timeZone").value("Asia/Tokyo"))
        .andExpect(jsonPath("$.slots[0].start").value("2026-06-02T16:00:00+09:00"))
        .andExpect(jsonPath("$.slots[1].end").value("2026-06-02T18:00:00+09:00"));
    api.perform(HttpMethod.GET, SLOTS + "?from=2026-06-02&to=2026-06-02&timeZone=UTC", null, null)
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
      api.perform(HttpMethod.GET, SLOTS + bad[0], null, null)
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
          .andExpect(jsonPath("$.errors[0].field").value(bad[1]));
      // the live stream checks the same, before it opens
      mvc.perform(
              Api.call(HttpMethod.GET, STREAM + bad[0], null, null)
                  .accept(MediaType.TEXT_EVENT_STREAM))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
          .andExpect(jsonPath("$.errors[0].field").value(bad[1]));
    }
    platform.on(FindAvailableSlotsQuery.class).answer(tuesdayNineAndTen(Views.BERLIN));
    api.perform(HttpMethod.GET, SLOTS + "?from=2026-06-01&to=2026-08-01", null, null)
        .andExpect(status().isOk()); // 62 days
    assertThat(platform.sent(FindAvailableSlotsQuery.class))
        .as("only the valid range was asked")
        .hasSize(1);
  }

  @Test
  void anUnknownProviderOrServiceIs404() throws Exception {
    platform.on(FindAvailableSlotsQuery.class).refuse(RefusalCode.NOT_FOUND);
    api.perform(HttpMethod.GET, SLOTS + "?from=2026-06-02&to=2026-06-02", null, null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    mvc.perform(
            Api.call(HttpMethod.GET, STREAM + "?from=2026-06-02&to=2026-06-02", null, null)
                .accept(MediaType.TEXT_EVENT_STREAM))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }
}
