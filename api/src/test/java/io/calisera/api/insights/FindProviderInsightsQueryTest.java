package io.calisera.api.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calisera.api.common.MessageSerialization;
import io.calisera.api.insights.InsightFigures.DayFigures;
import io.calisera.api.insights.InsightFigures.HourFigures;
import io.calisera.api.insights.InsightFigures.ServiceFigures;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindProviderInsightsQueryTest {

  private static final ObjectMapper JSON = MessageSerialization.objectMapper();
  private static final LocalDate MARCH_1 = LocalDate.parse("2026-03-01");

  @Test
  void aRangeMaySpanAtMost366LocalDates() {
    assertThat(new FindProviderInsightsQuery("p", MARCH_1, MARCH_1.plusDays(365)).to())
        .isEqualTo(MARCH_1.plusDays(365));
    assertThatThrownBy(() -> new FindProviderInsightsQuery("p", MARCH_1, MARCH_1.plusDays(366)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("to");
    assertThatThrownBy(() -> new FindProviderInsightsQuery("p", MARCH_1, MARCH_1.minusDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("to");
  }

  @Test
  void thePreviousRangeHasTheSameLengthAndEndsTheDayBeforeFrom() {
    var march = new FindProviderInsightsQuery("p", MARCH_1, LocalDate.parse("2026-03-31"));

    assertThat(march.previous())
        .isEqualTo(
            new FindProviderInsightsQuery(
                "p", LocalDate.parse("2026-01-29"), LocalDate.parse("2026-02-28")));
  }

  @Test
  void queryAndAnswerTravelAsJson() throws Exception {
    var query = new FindProviderInsightsQuery("p", MARCH_1, MARCH_1);
    assertThat(JSON.readValue(JSON.writeValueAsString(query), FindProviderInsightsQuery.class))
        .isEqualTo(query);
    var figures =
        new InsightFigures(
            MARCH_1,
            MARCH_1,
            2,
            1,
            1,
            0,
            0.5,
            45,
            480,
            0.09375,
            72.5,
            List.of(new ServiceFigures("s", "Haircut", 2, 45)),
            List.of(new DayFigures(MARCH_1, 2, 1, 45, 480)),
            List.of(new HourFigures(9, 2)));
    var answer = new ProviderInsights("p", ZoneId.of("Europe/Berlin"), figures, figures);
    assertThat(JSON.readValue(JSON.writeValueAsString(answer), ProviderInsights.class))
        .isEqualTo(answer);
  }
}
