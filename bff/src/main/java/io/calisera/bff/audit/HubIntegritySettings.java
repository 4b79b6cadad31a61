package io.calisera.bff.audit;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the bff asks the hub to verify the event history ({@code calisera.hub.*}; {@code
 * application.yml} names the environment variable of each).
 *
 * @param httpUrl the hub's HTTP port ({@code CALISERA_HUB_HTTP_URL}); beyond loopback, an {@code
 *     https} URL or a network that something else encrypts, as the bff's hub token travels in a
 *     header
 * @param integrityTimeout the longest the bff waits for the hub's answer (a million events take a
 *     few seconds)
 */
@ConfigurationProperties("calisera.hub")
public record HubIntegritySettings(URI httpUrl, Duration integrityTimeout) {

  public HubIntegritySettings {
    httpUrl = httpUrl == null ? URI.create("http://localhost:8024") : httpUrl;
    integrityTimeout = integrityTimeout == null ? Duration.ofSeconds(60) : integrityTimeout;
    if (integrityTimeout.isNegative() || integrityTimeout.isZero()) {
      throw new IllegalArgumentException(
          "calisera.hub.integrity-timeout (CALISERA_HUB_INTEGRITY_TIMEOUT) must be positive");
    }
  }
}
