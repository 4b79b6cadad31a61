package io.calisera.bff.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.api.common.RefusalCode;
import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.api.insights.InsightFigures;
import io.calisera.api.insights.InsightFigures.DayFigures;
import io.calisera.api.insights.InsightFigures.HourFigures;
import io.calisera.api.insights.InsightFigures.ServiceFigures;
import io.calisera.api.insights.ProviderInsights;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.bff.insights.ChartBars.Bar;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import io.calisera.bff.testing.Views;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The insights and their chart: the owner's alone (401 anonymous, 403 for anyone else, 404 for an
 * unknown provider), the query the bff sends, the contract's JSON, and a chart whose bars are the
 * figures. The platform answers each query as the test says ({@link StubPlatform}).
 */
@BffTest
class InsightsEndpointsTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final String MARCH = "?from=2026-03-01&to=2026-03-31";

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired StubPlatform platform;

  Api api;
  String owner;
  String stranger;
  String providerId = "p-salon";

  @BeforeEach
  void aProviderWithItsFigures() throws Exception {
    clock.set(BffTestConfiguration.START);
    api = new Api(mvc);
    Api.Person olga = api.person("olga");
    owner = olga.token();
    stranger = api.person("sam", "PROVIDER", "AUDITOR").token();
    platform
        .on(new FindProviderQuery(providerId))
        .answer(Views.aSalonInBerlin(providerId, olga.accountId()));
    platform
        .on(FindProviderInsightsQuery.class)
        .answerWith(
            query ->
                new ProviderInsights(
                    query.providerId(), BERLIN, figures(query), figures(query.previous())));
  }

  /** Bookings on each date: its day of month modulo 4 (a recognisable pattern of bars). */
  static InsightFigures figures(FindProviderInsightsQuery range) {
    List<DayFigures> days = new ArrayList<>();
    long bookings = 0;
    for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
      long count = d.getDayOfMonth() % 4;
      bookings += count;
      days.add(new DayFigures(d, count, count == 3 ? 1 : 0, count * 30, 480));
    }
    List<HourFigures> hours =
        IntStream.range(0, 24).mapToObj(h -> new HourFigures(h, h == 9 ? 5 : 0)).toList();
    return new InsightFigures(
        range.from(),
        range.to(),
        bookings,
        3,
        2,
        1,
        3.0 / bookings,
        1200,
        14880,
        1200.0 / 14880,
        71.5,
        List.of(new ServiceFigures("s1", "Haircut", bookings, 1200)),
        days,
        hours);
  }

  @Test
  void theOwnerGetsTheFiguresOfTheRangeAndOfThePreviousOne() throws Exception {
    api.perform(
            HttpMethod.GET, "/api/v1/providers/" + providerId + "/insights" + MARCH, owner, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.from").value("2026-03-01"))
        .andExpect(jsonPath("$.to").value("2026-03-31"))
        .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"))
        .andExpect(jsonPath("$.bookings").value(48))
        .andExpect(jsonPath("$.cancellations").value(3))
        .andExpect(jsonPath("$.reschedules").value(2))
        .andExpect(jsonPath("$.noShows").value(1))
        .andExpect(jsonPath("$.cancellationRate").value(3.0 / 48))
        .andExpect(jsonPath("$.bookedMinutes").value(1200))
        .andExpect(jsonPath("$.availableMinutes").value(14880))
        .andExpect(jsonPath("$.utilization").value(1200.0 / 14880))
        .andExpect(jsonPath("$.leadTimeHoursMedian").value(71.5))
        .andExpect(jsonPath("$.byService[0].serviceId").value("s1"))
        .andExpect(jsonPath("$.byService[0].name").value("Haircut"))
        .andExpect(jsonPath("$.byService[0].bookedMinutes").value(1200))
        .andExpect(jsonPath("$.byDay", hasSize(31)))
        .andExpect(jsonPath("$.byDay[2].date").value("2026-03-03"))
        .andExpect(jsonPath("$.byDay[2].bookings").value(3))
        .andExpect(jsonPath("$.byDay[2].cancellations").value(1))
        .andExpect(jsonPath("$.byDay[2].bookedMinutes").value(90))
        .andExpect(jsonPath("$.byDay[2].availableMinutes").value(480))
        .andExpect(jsonPath("$.byHourOfDay", hasSize(24)))
        .andExpect(jsonPath("$.byHourOfDay[9].hour").value(9))
        .andExpect(jsonPath("$.byHourOfDay[9].bookings").value(5))
        .andExpect(jsonPath("$.previous.from").value("2026-01-29"))
        .andExpect(jsonPath("$.previous.to").value("2026-02-28"))
        .andExpect(jsonPath("$.previous.byDay", hasSize(31)))
        .andExpect(jsonPath("$.previous.previous").doesNotExist());
    assertThat(platform.onlySent(FindProviderInsightsQuery.class))
        .isEqualTo(
            new FindProviderInsightsQuery(
                providerId, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31")));
  }

  @Test
  void onlyTheOwnerMayAskAndNothingIsAskedForOthers() throws Exception {
    for (String path : List.of("/insights", "/insights/chart.svg")) {
      String url = "/api/v1/providers/" + providerId + path + MARCH;
      api.perform(HttpMethod.GET, url, null, null)
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
      api.perform(HttpMethod.GET, url, stranger, null)
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.code").value("FORBIDDEN"));
      assertThat(platform.sent(FindProviderInsightsQuery.class)).isEmpty();
    }
    api.perform(
            HttpMethod.GET, "/api/v1/providers/" + providerId + "/insights" + MARCH, owner, null)
        .andExpect(status().isOk());
  }

  @Test
  void anUnknownProviderIs404AndSoIsOneTheAnalyticsDoNotKnowYet() throws Exception {
    platform.on(new FindProviderQuery("p-unknown")).answerNothing();
    api.perform(HttpMethod.GET, "/api/v1/providers/p-unknown/insights" + MARCH, owner, null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    assertThat(platform.sent(FindProviderInsightsQuery.class)).isEmpty();

    platform.on(FindProviderInsightsQuery.class).refuse(RefusalCode.NOT_FOUND);
    api.perform(
            HttpMethod.GET, "/api/v1/providers/" + providerId + "/insights" + MARCH, owner, null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void aRangeOf366DaysIsFineAndOneMoreIsNot() throws Exception {
    String base = "/api/v1/providers/" + providerId + "/insights";
    api.perform(HttpMethod.GET, base + "?from=2028-01-01&to=2028-12-31", owner, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.byDay", hasSize(366)));
    api.perform(HttpMethod.GET, base + "?from=2026-01-01&to=2027-01-01", owner, null)
        .andExpect(status().isOk());
    api.perform(HttpMethod.GET, base + "?from=2026-01-01&to=2027-01-02", owner, null)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
        .andExpect(jsonPath("$.errors[0].field").value("to"));
  }

  @Test
  void theChartDrawsABarPerDayWithBookingsAsTallAsItsBookings() throws Exception {
    String svg =
        api.perform(
                HttpMethod.GET,
                "/api/v1/providers/" + providerId + "/insights/chart.svg" + MARCH,
                owner,
                null)
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
            .andExpect(header().string("Cache-Control", containsString("private")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    ChartBars chart = ChartBars.of(svg);

    List<Long> expected = new ArrayList<>();
    for (int day = 1; day <= 31; day++) {
      if (day % 4 != 0) {
        expected.add((long) (day % 4));
      }
    }
    List<Bar> bars = chart.bars();
    assertThat(bars).hasSize(expected.size());
    double unit = bars.get(0).height() / expected.get(0);
    for (int i = 0; i < bars.size(); i++) {
      assertThat(bars.get(i).height())
          .as("bar " + i)
          .isCloseTo(expected.get(i) * unit, within(0.01));
    }
    assertThat(chart.texts())
        .contains(
            "Bookings per day", "Bookings", "Date", "1 Mar 2026 – 31 Mar 2026 (Europe/Berlin)");
    assertThat(chart.title()).isEqualTo("Bookings per day, 1 Mar 2026 to 31 Mar 2026");
    assertThat(chart.description()).startsWith("48 bookings in all").contains("3 Mar: 3.");
  }
}
