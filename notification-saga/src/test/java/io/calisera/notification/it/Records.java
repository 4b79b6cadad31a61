package io.calisera.notification.it;

import static io.calisera.testing.ApiClient.ok;

import com.fasterxml.jackson.databind.JsonNode;
import io.calisera.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;

/** A booking's notification records as the bff lists them. */
final class Records {

  private Records() {}

  static List<JsonNode> of(ApiClient api, String token, String bookingId) {
    List<JsonNode> records = new ArrayList<>();
    ok(200, api.get("/bookings/" + bookingId + "/notifications", token)).forEach(records::add);
    return records;
  }

  static List<JsonNode> of(
      ApiClient api, String token, String bookingId, String channel, String kind) {
    return of(api, token, bookingId).stream()
        .filter(record -> record.get("channel").asText().equals(channel))
        .filter(record -> record.get("kind").asText().equals(kind))
        .toList();
  }
}
