package io.calisera.benchmarks.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The platform's public HTTP API as the load driver uses it, and nothing else: the driver reaches
 * the platform only through the bff, like any client.
 */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String api;

  Api(String base) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.api = base.replaceAll("/+$", "") + "/api/v1";
  }

  /** An account's access token from dev-login (the embedded default has it on). */
  String devLogin(String email, String name, String... roles) {
    var body = JSON.createObjectNode().put("email", email).put("name", name);
    var array = body.putArray("roles");
    for (String role : roles) {
      array.add(role);
    }
    return expect(200, post("/auth/dev-login", null, body.toString())).get("accessToken").asText();
  }

  /**
   * A provider open around the clock in UTC, with one service of 15-minute slots bookable up to two
   * years ahead and without notice: room for every booking a run can make, none of them refused by
   * anything but a taken slot.
   *
   * @return the provider and its service
   */
  Provider openAroundTheClock(String ownerToken, String name) {
    JsonNode provider =
        expect(
            201,
            post(
                "/providers",
                ownerToken,
                JSON.createObjectNode()
                    .put("displayName", name)
                    .put("timeZone", "UTC")
                    .put("category", "load")
                    .put("city", "Benchmark")
                    .toString()));
    String providerId = provider.get("providerId").asText();
    JsonNode service =
        expect(
            201,
            post(
                "/providers/" + providerId + "/services",
                ownerToken,
                "{\"name\":\"Quarter\",\"durationMinutes\":15,\"slotIntervalMinutes\":15,"
                    + "\"maxDaysInAdvance\":730}"));
    StringBuilder weekly = new StringBuilder();
    for (String day :
        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
      weekly.append(weekly.isEmpty() ? "" : ",");
      weekly.append("{\"day\":\"").append(day).append("\",\"start\":\"00:00\",\"end\":\"24:00\"}");
    }
    expect(
        200,
        send(
            request("/providers/" + providerId + "/availability", ownerToken)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"weekly\":[" + weekly + "],\"overrides\":[]}"))
                .build()));
    return new Provider(
        providerId, provider.get("slug").asText(), service.get("serviceId").asText(), ownerToken);
  }

  record Provider(String providerId, String slug, String serviceId, String ownerToken) {}

  /** A booking request; a guest's when {@code token} is null. */
  HttpRequest booking(Provider provider, Instant start, String token, int guestNumber) {
    var body =
        JSON.createObjectNode()
            .put("providerId", provider.providerId())
            .put("serviceId", provider.serviceId())
            .put("start", start.toString());
    if (token == null) {
      body.putObject("customer")
          .put("name", "Guest " + guestNumber)
          .put("email", "guest" + guestNumber + "@load.example");
    }
    return request("/bookings", token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  /** The slots of {@code days} local dates from {@code from}, in the provider's zone. */
  HttpRequest slots(Provider provider, LocalDate from, int days) {
    return request(
            "/providers/"
                + provider.providerId()
                + "/services/"
                + provider.serviceId()
                + "/slots?from="
                + from
                + "&to="
                + from.plusDays(days - 1),
            null)
        .GET()
        .build();
  }

  HttpRequest page(Provider provider) {
    return request("/providers/" + provider.slug(), null).GET().build();
  }

  /** Every booking of the provider's agenda with a start in {@code [from, to)}, by its owner. */
  List<JsonNode> agenda(Provider provider, Instant from, Instant to) {
    List<JsonNode> bookings = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode answer =
          expect(
              200,
              send(
                  request(
                          "/providers/"
                              + provider.providerId()
                              + "/bookings?from="
                              + from
                              + "&to="
                              + to
                              + "&size=100&page="
                              + page,
                          provider.ownerToken())
                      .GET()
                      .build()));
      answer.get("items").forEach(bookings::add);
      if (bookings.size() >= answer.get("total").asLong() || answer.get("items").isEmpty()) {
        return bookings;
      }
    }
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpRequest.Builder request(String path, String token) {
    var request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private URI uri(String path) {
    return URI.create(api + path);
  }

  private static JsonNode expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.uri()
              + " answered "
              + response.statusCode()
              + ", expected "
              + status
              + ": "
              + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
