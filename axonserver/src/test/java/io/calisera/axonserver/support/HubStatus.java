package io.calisera.axonserver.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calisera.testing.HubProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the hub's HTTP side tells about it: connected clients and metrics. */
public final class HubStatus {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private HubStatus() {}

  /** An application as {@code GET /v1/clients} lists it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Client(String clientId, String componentName, Instant connectedAt) {}

  /** The applications connected to the hub now. */
  public static List<Client> clients(HubProcess hub) {
    HttpResponse<String> response = hub.get("/v1/clients");
    assertThat(response.statusCode()).as("GET /v1/clients").isEqualTo(200);
    try {
      return JSON.readValue(response.body(), new TypeReference<List<Client>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The connected application with this client id, if it is connected. */
  public static Optional<Client> client(HubProcess hub, String clientId) {
    return clients(hub).stream().filter(c -> c.clientId().equals(clientId)).findFirst();
  }

  /** The value of a gauge or counter without labels other than the application's. */
  public static double metric(HubProcess hub, String name) {
    String body = hub.get("/actuator/prometheus").body();
    return body.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No metric " + name));
  }
}
