package io.calisera.notification.it;

import static io.calisera.notification.it.Api.ok;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A booking's notification records as the bff lists them. */
final class Records {

  private Records() {}

  static List<JsonNode> of(Api api, String token, String bookingId) {
    List<JsonNode> records = new ArrayList<>();
    ok(200, api.call("GET", "/bookings/" + bookingId + "/notifications", token, null))
        .forEach(records::add);
    return records;
  }

  static List<JsonNode> of(Api api, String token, String bookingId, String channel, String kind) {
    return of(api, token, bookingId).stream()
        .filter(record -> record.get("channel").asString().equals(channel))
        .filter(record -> record.get("kind").asString().equals(kind))
        .toList();
  }
}
