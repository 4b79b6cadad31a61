package io.calisera.api.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calisera.api.common.MessageSerialization;
import io.calisera.api.readmodel.ReadModelPositions.ReadModelPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadModelPositionsTest {

  private static final ObjectMapper JSON = MessageSerialization.objectMapper();

  @Test
  void theLowestPositionIsTheOneEveryReadModelHasReached() {
    var positions =
        new ReadModelPositions(
            List.of(new ReadModelPosition("providers", 41), new ReadModelPosition("slots", 17)));

    assertThat(positions.lowest()).isEqualTo(17);
  }

  @Test
  void aReadModelThatHasSeenNothingHoldsEveryoneBack() {
    var positions =
        new ReadModelPositions(
            List.of(
                new ReadModelPosition("providers", 41),
                new ReadModelPosition("accounts", ReadModelPositions.NOTHING_APPLIED)));

    assertThat(positions.lowest()).isEqualTo(ReadModelPositions.NOTHING_APPLIED);
  }

  @Test
  void withoutReadModelsNothingIsPromised() {
    assertThat(new ReadModelPositions(List.of()).lowest())
        .isEqualTo(ReadModelPositions.NOTHING_APPLIED);
  }

  @Test
  void queryAndAnswerTravelAsJson() throws Exception {
    var answer = new ReadModelPositions(List.of(new ReadModelPosition("bookings", 7)));
    assertThat(JSON.readValue(JSON.writeValueAsString(answer), ReadModelPositions.class))
        .isEqualTo(answer);
    var query = new FindReadModelPositionsQuery("bff");
    assertThat(JSON.readValue(JSON.writeValueAsString(query), FindReadModelPositionsQuery.class))
        .isEqualTo(query);
  }
}
