package io.calisera.axonserver.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calisera.testing.HubProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** What {@code GET /v1/integrity} answers. */
public record IntegrityReport(
    long eventsChecked,
    boolean valid,
    Long firstInvalidPosition,
    long headPosition,
    long lastCheckpointPosition,
    Instant lastCheckpointAt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Asks the hub, as its operator, to check its digest chain. */
  public static IntegrityReport of(HubProcess hub) {
    var response = hub.get("/v1/integrity");
    assertThat(response.statusCode()).as("GET /v1/integrity: %s", response.body()).isEqualTo(200);
    try {
      JsonNode body = JSON.readTree(response.body());
      JsonNode first = body.get("firstInvalidPosition");
      return new IntegrityReport(
          body.get("eventsChecked").asLong(),
          body.get("valid").asBoolean(),
          first == null || first.isNull() ? null : first.asLong(),
          body.get("headPosition").asLong(),
          body.get("lastCheckpoint").get("position").asLong(),
          Instant.parse(body.get("lastCheckpoint").get("at").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
