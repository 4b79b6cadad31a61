package io.calisera.bff.provider;

import static io.calisera.bff.testing.Views.BERLIN;
import static io.calisera.bff.testing.Views.TUESDAY_NINE;
import static io.calisera.bff.testing.Views.aSalonInBerlin;
import static io.calisera.bff.testing.Views.anHourCut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.api.common.RefusalCode;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.PreviewSlotsQuery;
import io.calisera.api.schedule.Slot;
import io.calisera.api.schedule.WeeklyHours;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.Api.Person;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The preview of hours not saved yet: only the owner asks it; the hours, the service and the dates
 * travel to the query side as one query (which slots they give is the query side's, stubbed here;
 * computed for real in the query side's SlotQueryTest and in StudioIT); nothing is changed; bad
 * input is a 400 problem that asks nothing.
 */
@BffTest
class AvailabilityPreviewTest {

  private static final String PROVIDER = "p-salon";
  private static final String PREVIEW =
      "/api/v1/providers/" + PROVIDER + "/availability/preview?serviceId=s-cut";
  private static final String WEEK = "&from=2026-06-01&to=2026-06-07";
  private static final String HOURS =
      "{\"weekly\":[{\"day\":\"TUESDAY\",\"start\":\"09:00\",\"end\":\"11:00\"}],"
          + "\"overrides\":[{\"date\":\"2026-06-05\",\"intervals\":[]}]}";

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired StubPlatform platform;

  Api api;
  Person owner;
  Person stranger;

  @BeforeEach
  void aSalonInBerlinWithItsOwner() throws Exception {
    clock.set(BffTestConfiguration.START);
    api = new Api(mvc);
    owner = api.person("olga");
    stranger = api.person("sam", "PROVIDER");
    platform
        .on(new FindProviderQuery(PROVIDER))
        .answer(aSalonInBerlin(PROVIDER, owner.accountId(), anHourCut("s-cut")));
  }

  @Test
  void onlyTheOwnerPreviewsTheSlotsOfHoursNotSavedYet() throws Exception {
    PreviewSlotsQuery asked =
        new PreviewSlotsQuery(
            PROVIDER,
            "s-cut",
            LocalDate.parse("2026-06-01"),
            LocalDate.parse("2026-06-07"),
            List.of(WeeklyHours.of(DayOfWeek.TUESDAY, "09:00", "11:00")),
            List.of(DateOverride.closed(LocalDate.parse("2026-06-05"))));
    platform
        .on(asked)
        .answer(
            new AvailableSlots(
                PROVIDER,
                "s-cut",
                BERLIN,
                List.of(
                    Slot.of(TUESDAY_NINE, Duration.ofHours(1)),
                    Slot.of(TUESDAY_NINE.plus(Duration.ofHours(1)), Duration.ofHours(1)))));

    api.perform(HttpMethod.POST, PREVIEW + WEEK, null, HOURS)
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    api.perform(HttpMethod.POST, PREVIEW + WEEK, stranger.token(), HOURS)
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    assertThat(platform.sent(PreviewSlotsQuery.class)).isEmpty();

    api.perform(HttpMethod.POST, PREVIEW + WEEK, owner.token(), HOURS)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.providerId").value(PROVIDER))
        .andExpect(jsonPath("$.serviceId").value("s-cut"))
        .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"))
        .andExpect(jsonPath("$.slots", hasSize(2)))
        .andExpect(jsonPath("$.slots[0].start").value("2026-06-02T09:00:00+02:00"))
        .andExpect(jsonPath("$.slots[1].end").value("2026-06-02T11:00:00+02:00"));
    assertThat(platform.onlySent(PreviewSlotsQuery.class)).isEqualTo(asked);
    assertThat(platform.commands()).as("a preview changes nothing").isEmpty();
  }

  @Test
  void aServiceTheProviderDoesNotOfferIs404() throws Exception {
    platform.on(PreviewSlotsQuery.class).refuse(RefusalCode.NOT_FOUND);

    api.perform(HttpMethod.POST, PREVIEW + WEEK, owner.token(), HOURS)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void badHoursServicesAndDatesAre400AndAskNothing() throws Exception {
    String[][] bad = {
      {PREVIEW + "&from=2026-06-07&to=2026-06-01", HOURS, "to"},
      {PREVIEW + "&from=2026-06-01&to=2026-08-02", HOURS, "the"},
      {PREVIEW + "&from=2026-13-01&to=2026-06-07", HOURS, "from"},
      {PREVIEW + "&from=1800-06-01&to=1800-06-07", HOURS, "from"},
      {PREVIEW + "&to=2026-06-07", HOURS, "from"},
      {PREVIEW + "&from=2026-06-01", HOURS, "to"},
      {
        "/api/v1/providers/" + PROVIDER + "/availability/preview?serviceId=a%20b" + WEEK,
        HOURS,
        "serviceId"
      },
      {"/api/v1/providers/" + PROVIDER + "/availability/preview?" + WEEK, HOURS, "serviceId"},
      {
        PREVIEW + WEEK,
        "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"12:00\"},"
            + "{\"day\":\"MONDAY\",\"start\":\"11:00\",\"end\":\"13:00\"}]}",
        "weekly"
      },
      {
        PREVIEW + WEEK,
        "{\"weekly\":[{\"day\":\"FUNDAY\",\"start\":\"09:00\",\"end\":\"12:00\"}]}",
        "weekly"
      },
      {
        PREVIEW + WEEK,
        "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"9:00\",\"end\":\"12:00\"}]}",
        "weekly"
      },
      {PREVIEW + WEEK, "{\"overrides\":[{\"date\":\"2026-02-30\",\"intervals\":[]}]}", "overrides"},
      {
        PREVIEW + WEEK,
        "{\"overrides\":[{\"date\":\"2026-12-24\",\"intervals\":[]},"
            + "{\"date\":\"2026-12-24\",\"intervals\":[]}]}",
        "overrides"
      },
      {PREVIEW + WEEK, "{", ""},
      {PREVIEW + WEEK, "[]", ""},
    };
    for (String[] c : bad) {
      api.perform(HttpMethod.POST, c[0], owner.token(), c[1])
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
          .andExpect(jsonPath("$.status").value(400))
          .andExpect(
              c[2].isEmpty()
                  ? jsonPath("$.detail").isNotEmpty()
                  : jsonPath("$.errors[0].field").value(startsWith(c[2])));
    }
    assertThat(platform.sent(PreviewSlotsQuery.class)).isEmpty();
    assertThat(platform.commands()).isEmpty();
  }
}
