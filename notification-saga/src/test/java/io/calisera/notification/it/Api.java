package io.calisera.notification.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bff's public API as a client calls it, with what these tests need of it. */
final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  Api(String base) {
    this.base = base;
  }

  record Answer(int status, JsonNode body, Duration took) {}

  String login(String email, String name) {
    return call(
            "POST",
            "/auth/dev-login",
            null,
            "{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"roles\":[\"CUSTOMER\"]}")
        .body()
        .get("accessToken")
        .asString();
  }

  /** A provider with one service, open every day in {@code hours} ({@code "09:00","17:00"}). */
  Offer offer(String owner, String name, String zone, String service, String from, String to) {
    String providerId =
        ok(
                201,
                call(
                    "POST",
                    "/providers",
                    owner,
                    "{\"displayName\":\"" + name + "\",\"timeZone\":\"" + zone + "\"}"))
            .get("providerId")
            .asString();
    String serviceId =
        ok(201, call("POST", "/providers/" + providerId + "/services", owner, service))
            .get("serviceId")
            .asString();
    StringBuilder weekly = new StringBuilder();
    for (String day :
        new String[] {
          "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"
        }) {
      weekly
          .append(weekly.isEmpty() ? "" : ",")
          .append("{\"day\":\"")
          .append(day)
          .append("\",\"start\":\"")
          .append(from)
          .append("\",\"end\":\"")
          .append(to)
          .append("\"}");
    }
    ok(
        200,
        call(
            "PUT",
            "/providers/" + providerId + "/availability",
            owner,
            "{\"weekly\":[" + weekly + "],\"overrides\":[]}"));
    return new Offer(providerId, serviceId);
  }

  record Offer(String providerId, String serviceId) {}

  /** A guest's booking, with a customer block such as {@code {"name":..,"email":..}}. */
  Answer book(String token, Offer offer, String start, String customer) {
    return call(
        "POST",
        "/bookings",
        token,
        "{\"providerId\":\""
            + offer.providerId()
            + "\",\"serviceId\":\""
            + offer.serviceId()
            + "\",\"start\":\""
            + start
            + "\""
            + (customer == null ? "" : ",\"customer\":" + customer)
            + "}");
  }

  /** A call with a booking's capability instead of a token, as a guest makes it. */
  Answer callWithCapability(String method, String path, String capability, String json) {
    return call(method, path, null, json, capability);
  }

  Answer call(String method, String path, String token, String json) {
    return call(method, path, token, json, null);
  }

  private Answer call(String method, String path, String token, String json, String capability) {
    var request =
        HttpRequest.newBuilder(URI.create(base + path))
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
    if (capability != null) {
      request.header("Booking-Capability", capability);
    }
    long began = System.nanoTime();
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      String body = response.body();
      return new Answer(
          response.statusCode(), body == null || body.isBlank() ? null : JSON.readTree(body), took);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode ok(int status, Answer answer) {
    if (answer.status() != status) {
      throw new AssertionError(
          "expected " + status + ", got " + answer.status() + ": " + answer.body());
    }
    return answer.body();
  }
}
