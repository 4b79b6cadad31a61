package io.calisera.bff.audit;

import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ProblemCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's verification of the whole event history ({@code GET /v1/integrity} on its HTTP port,
 * decision 0015), asked with the bff's own hub token, whose application has the {@code
 * verify-integrity} right ({@code hub-rights}). A hub that cannot be reached, or that answers
 * anything but a report, is 503 {@code SERVICE_UNAVAILABLE}, and the reason is logged.
 */
@Component
class HubIntegrity {

  private static final Logger log = LoggerFactory.getLogger(HubIntegrity.class);
  private static final String TOKEN_HEADER = "AxonIQ-Access-Token";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final URI uri;
  private final Duration timeout;
  private final ObjectProvider<AxonServerConfiguration> hub;

  HubIntegrity(HubIntegritySettings settings, ObjectProvider<AxonServerConfiguration> hub) {
    this.uri = settings.httpUrl().resolve("/v1/integrity");
    this.timeout = settings.integrityTimeout();
    this.hub = hub;
  }

  /** What the hub found; its checkpoint's position is -1 for a store that was empty then. */
  record Report(
      long eventsChecked,
      boolean valid,
      Long firstInvalidPosition,
      long headPosition,
      long checkpointPosition,
      Instant checkpointAt) {}

  Report verify() {
    AxonServerConfiguration connection = hub.getIfAvailable();
    String token = connection == null ? null : connection.getToken();
    if (token == null || token.isEmpty()) {
      log.error("The bff has no hub token (AXON_AXONSERVER_TOKEN): it cannot verify the history");
      throw unavailable();
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(timeout)
                  .header(TOKEN_HEADER, token)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      log.warn("The hub's integrity check at {} failed: {}", uri, e.toString());
      throw unavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable();
    }
    if (response.statusCode() != 200) {
      log.error(
          "The hub answered the integrity check at {} with {}: {}",
          uri,
          response.statusCode(),
          response.body());
      throw unavailable();
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      JsonNode first = body.required("firstInvalidPosition");
      JsonNode checkpoint = body.required("lastCheckpoint");
      return new Report(
          body.required("eventsChecked").asLong(),
          body.required("valid").asBoolean(),
          first.isNull() ? null : first.asLong(),
          body.required("headPosition").asLong(),
          checkpoint.required("position").asLong(),
          Instant.parse(checkpoint.required("at").asString()));
    } catch (RuntimeException e) { // JacksonException, a field missing, a malformed instant
      log.error("The hub's integrity report cannot be read: {}", response.body(), e);
      throw unavailable();
    }
  }

  private static ApiProblem unavailable() {
    return new ApiProblem(
        ProblemCode.SERVICE_UNAVAILABLE,
        "The event store cannot verify the history right now; try again");
  }
}
