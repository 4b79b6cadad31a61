package io.calisera.notification.gateway;

import io.calisera.notification.delivery.DeliveryFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A message gateway reached over HTTPS: each message is one JSON {@code POST} to {@code url},
 * authenticated with a bearer token or a user and password, carrying the delivery's key as {@code
 * Idempotency-Key} (a gateway that honours it never delivers a resent copy twice), and signed:
 * {@code Calisera-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}, so that
 * the gateway can tell the platform's requests from forged or replayed ones.
 *
 * <p>A 2xx answer is accepted; a 4xx other than 408 and 429 is refused for good (the message would
 * never pass); anything else, or no answer, is tried again later.
 */
public final class HttpGateway {

  public static final String SIGNATURE_HEADER = "Calisera-Signature";

  private final URI url;
  private final String authorization;
  private final SecretKeySpec signingKey;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param token a bearer token, or blank
   * @param username with {@code password}, HTTP Basic when there is no token; or blank
   * @param signingSecret the shared secret of the signature, or blank for no signature
   */
  public HttpGateway(
      URI url,
      String token,
      String username,
      String password,
      String signingSecret,
      Duration timeout,
      Clock clock) {
    this.url = url;
    if (token != null && !token.isBlank()) {
      this.authorization = "Bearer " + token;
    } else if (username != null && !username.isBlank()) {
      this.authorization =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (username + ":" + (password == null ? "" : password))
                          .getBytes(StandardCharsets.UTF_8));
    } else {
      this.authorization = null;
    }
    this.signingKey =
        signingSecret == null || signingSecret.isBlank()
            ? null
            : new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public URI url() {
    return url;
  }

  /** Posts {@code json}; returns when the gateway accepted it. */
  public void post(String json, String idempotencyKey) throws DeliveryFailure {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (signingKey != null) {
      request.header(SIGNATURE_HEADER, signature(json, clock.instant().getEpochSecond()));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw DeliveryFailure.transientFailure(url.getHost() + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryFailure.transientFailure("interrupted", e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return;
    }
    String answer = url.getHost() + " answered " + status + ": " + clip(response.body());
    boolean refused = status / 100 == 4 && status != 408 && status != 429;
    throw new DeliveryFailure(answer, refused, null);
  }

  /** {@code t=<seconds>,v1=<hex HMAC-SHA256(secret, "<seconds>.<body>")>}. */
  public String signature(String body, long epochSecond) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(signingKey);
      byte[] digest = mac.doFinal((epochSecond + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + epochSecond + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  private static String clip(String text) {
    return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200);
  }
}
