package io.calisera.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A client of the bff's public API v1 over HTTP, as the system tests use it. */
final class PublicApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String api;

  /** The API of the bff listening on {@code port} of this machine. */
  PublicApi(int port) {
    this.api = "http://localhost:" + port + "/api/v1";
  }

  record Offer(String providerId, String serviceId) {}

  /** A dev-login with role CUSTOMER: its access token. */
  String devLogin(String email, String name) {
    return ok(
            200,
            post(
                "/auth/dev-login",
                null,
                "{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"roles\":[\"CUSTOMER\"]}"))
        .get("accessToken")
        .asText();
  }

  /** A provider in UTC with one service and these weekly hours ({@link #hours}). */
  Offer anOffer(String owner, String name, String service, List<String> weekly) {
    String providerId =
        ok(
                201,
                post(
                    "/providers", owner, "{\"displayName\":\"" + name + "\",\"timeZone\":\"UTC\"}"))
            .get("providerId")
            .asText();
    String serviceId =
        ok(201, post("/providers/" + providerId + "/services", owner, service))
            .get("serviceId")
            .asText();
    Offer offer = new Offer(providerId, serviceId);
    openOn(owner, offer, weekly);
    return offer;
  }

  /** Sets the offer's weekly opening hours (and no date overrides). */
  void openOn(String owner, Offer offer, List<String> weekly) {
    ok(
        200,
        put(
            "/providers/" + offer.providerId() + "/availability",
            owner,
            "{\"weekly\":[" + String.join(",", weekly) + "],\"overrides\":[]}"));
  }

  /**
   * The starts of a service's free slots from {@code from} to {@code to} (local dates), as written.
   */
  List<String> slotStarts(String providerId, String serviceId, Object from, Object to) {
    List<String> starts = new ArrayList<>();
    ok(
            200,
            get(
                "/providers/"
                    + providerId
                    + "/services/"
                    + serviceId
                    + "/slots?from="
                    + from
                    + "&to="
                    + to,
                null))
        .get("slots")
        .forEach(slot -> starts.add(slot.get("start").asText()));
    return starts;
  }

  /** A booking as the holder of its manage link reads it. */
  JsonNode bookingWithCapability(String bookingId, String capability) {
    return ok(
        200,
        send(
            "GET", "/bookings/" + bookingId, null, null, Map.of("Booking-Capability", capability)));
  }

  /** One day's opening hours as the availability body writes them. */
  static String hours(DayOfWeek day, Object start, Object end) {
    return "{\"day\":\"" + day + "\",\"start\":\"" + start + "\",\"end\":\"" + end + "\"}";
  }

  /** The body of a booking request. */
  static String booking(String providerId, String serviceId, String start, String who) {
    return "{\"providerId\":\""
        + providerId
        + "\",\"serviceId\":\""
        + serviceId
        + "\",\"start\":\""
        + start
        + "\",\"customer\":{\"name\":\"A "
        + who
        + "\",\"email\":\""
        + who
        + "@example.com\"}}";
  }

  /** The response's JSON body, once its status is the one expected. */
  static JsonNode ok(int status, HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return json(response);
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpResponse<String> get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  HttpResponse<String> post(String path, String token, String json) {
    return send("POST", path, token, json, Map.of());
  }

  HttpResponse<String> put(String path, String token, String json) {
    return send("PUT", path, token, json, Map.of());
  }

  HttpResponse<String> send(
      String method, String path, String token, String json, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create(api + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
