package io.calisera.bff.e2e;

import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plain HTTP against the running bff, as a client outside it sees it. */
final class Http {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Http(String base) {
    this.base = base;
  }

  /** An answer: status, headers and body. */
  record Answer(int status, Map<String, String> headers, String body) {

    <T> T json(String path) {
      return JsonPath.read(body, path);
    }

    String code() {
      return json("$.code");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Answer get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  Answer post(String path, String token, String json) {
    return send("POST", path, token, json, Map.of());
  }

  Answer put(String path, String token, String json) {
    return send("PUT", path, token, json, Map.of());
  }

  Answer delete(String path, String token) {
    return send("DELETE", path, token, null, Map.of());
  }

  Answer send(String method, String path, String token, String json, Map<String, String> headers) {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    return send(method, path, token, json == null ? null : "application/json", body, headers);
  }

  /** A body of unknown length (chunked), so that the bff cannot refuse it by its header alone. */
  Answer postChunked(String path, String token, byte[] json) {
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
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> answerHeaders = new LinkedHashMap<>();
      response.headers().map().forEach((name, values) -> answerHeaders.put(name, values.get(0)));
      return new Answer(response.statusCode(), answerHeaders, response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
