package io.calisera.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
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
import java.util.TreeMap;

/**
 * The bff's public API v1 over plain HTTP, as a client outside the platform calls it: the calls the
 * tests of every module make, and the few steps most of them begin with (a dev-login, a provider
 * with a service and hours, a booking).
 */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  /** The API under {@code base}, e.g. {@code http://localhost:8080/api/v1}. */
  public ApiClient(String base) {
    this.base = base;
  }

  /** The API of the bff listening on {@code port} of this machine. */
  public static ApiClient onPort(int port) {
    return new ApiClient("http://localhost:" + port + "/api/v1");
  }

  /**
   * An answer: status, headers (the first value of each, by name in any case), body, and how long
   * it took.
   */
  public record Answer(int status, Map<String, String> headers, String body, Duration took) {

    /** The value at a JSON path of the body, e.g. {@code $.items[0].status}. */
    public <T> T json(String path) {
      return JsonPath.read(body, path);
    }

    /** The body as a JSON tree (null when there is none). */
    public JsonNode tree() {
      if (body == null || body.isBlank()) {
        return null;
      }
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    /** The {@code code} of a problem. */
    public String code() {
      return json("$.code");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** A provider and one of its services. */
  public record Offer(String providerId, String serviceId) {}

  /** The body as a JSON tree, once the status is the one expected. */
  public static JsonNode ok(int status, Answer answer) {
    if (answer.status() != status) {
      throw new AssertionError("expected " + status + ", got " + answer);
    }
    return answer.tree();
  }

  /** A dev-login with role CUSTOMER: its access token. */
  public String devLogin(String email, String name) {
    return ok(
            200,
            post(
                "/auth/dev-login",
                null,
                "{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"roles\":[\"CUSTOMER\"]}"))
        .get("accessToken")
        .asText();
  }

  /**
   * A provider of {@code owner} in {@code zone} with one service (its JSON body) and these weekly
   * hours ({@link #hours}, {@link #everyDay}).
   */
  public Offer offer(String owner, String name, String zone, String service, List<String> weekly) {
    String providerId =
        ok(
                201,
                post(
                    "/providers",
                    owner,
                    "{\"displayName\":\"" + name + "\",\"timeZone\":\"" + zone + "\"}"))
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
  public void openOn(String owner, Offer offer, List<String> weekly) {
    ok(
        200,
        put(
            "/providers/" + offer.providerId() + "/availability",
            owner,
            "{\"weekly\":[" + String.join(",", weekly) + "],\"overrides\":[]}"));
  }

  /** One day's opening hours as the availability body writes them. */
  public static String hours(DayOfWeek day, Object start, Object end) {
    return "{\"day\":\"" + day + "\",\"start\":\"" + start + "\",\"end\":\"" + end + "\"}";
  }

  /** The same hours on every day of the week. */
  public static List<String> everyDay(Object start, Object end) {
    List<String> weekly = new ArrayList<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      weekly.add(hours(day, start, end));
    }
    return weekly;
  }

  /** The body of a booking request of a guest {@code "A <who>"}, {@code <who>@example.com}. */
  public static String booking(String providerId, String serviceId, String start, String who) {
    return bookingWith(
        providerId,
        serviceId,
        start,
        "{\"name\":\"A " + who + "\",\"email\":\"" + who + "@example.com\"}");
  }

  /** The body of a booking request with a customer block ({@code null}: none, a customer's own). */
  public static String bookingWith(
      String providerId, String serviceId, String start, String customerJson) {
    return "{\"providerId\":\""
        + providerId
        + "\",\"serviceId\":\""
        + serviceId
        + "\",\"start\":\""
        + start
        + "\""
        + (customerJson == null ? "" : ",\"customer\":" + customerJson)
        + "}";
  }

  /**
   * Books {@code start} of the offer, as {@code token}'s customer or a guest ({@code customer}).
   */
  public Answer book(String token, Offer offer, String start, String customerJson) {
    return post(
        "/bookings",
        token,
        bookingWith(offer.providerId(), offer.serviceId(), start, customerJson));
  }

  /**
   * The starts of a service's free slots from {@code from} to {@code to} (local dates), as written.
   */
  public List<String> slotStarts(String providerId, String serviceId, Object from, Object to) {
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
  public JsonNode bookingWithCapability(String bookingId, String capability) {
    return ok(200, withCapability("GET", "/bookings/" + bookingId, capability, null));
  }

  /** A call with a booking's capability instead of a token, as a guest makes it. */
  public Answer withCapability(String method, String path, String capability, String json) {
    return send(method, path, null, json, Map.of("Booking-Capability", capability));
  }

  public Answer get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  public Answer post(String path, String token, String json) {
    return send("POST", path, token, json, Map.of());
  }

  public Answer put(String path, String token, String json) {
    return send("PUT", path, token, json, Map.of());
  }

  public Answer delete(String path, String token) {
    return send("DELETE", path, token, null, Map.of());
  }

  public Answer send(
      String method, String path, String token, String json, Map<String, String> headers) {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    return send(method, path, token, json == null ? null : "application/json", body, headers);
  }

  /** A body of unknown length (chunked), so that the bff cannot refuse it by its header alone. */
  public Answer postChunked(String path, String token, byte[] json) {
    return send(
        "POST",
        path,
        token,
        "application/json",
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)),
        Map.of());
  }

  private Answer send(
      String method,
      String path,
      String token,
      String contentType,
      HttpRequest.BodyPublisher body,
      Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .method(method, body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    long began = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      Map<String, String> answerHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      response.headers().map().forEach((name, values) -> answerHeaders.put(name, values.get(0)));
      return new Answer(response.statusCode(), answerHeaders, response.body(), took);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
