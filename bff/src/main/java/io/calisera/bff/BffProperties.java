package io.calisera.bff;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the bff; {@code application.yml} names the environment variable of each.
 *
 * @param home the platform's data folder ({@code CALISERA_HOME}); the embedded PostgreSQL lives
 *     under {@code home/bff/postgres}
 * @param publicBaseUrl where clients reach the bff ({@code CALISERA_PUBLIC_BASE_URL}); also the
 *     {@code iss} of Calisera's tokens
 * @param maxRequestBody a request body larger than this is refused with 413
 */
@ConfigurationProperties("calisera")
public record BffProperties(
    Path home, URI publicBaseUrl, DataSize maxRequestBody, Gateway gateway, Auth auth) {

  public BffProperties {
    home = home == null ? Path.of(".calisera") : home;
    publicBaseUrl = publicBaseUrl == null ? URI.create("http://localhost:8080") : publicBaseUrl;
    maxRequestBody = maxRequestBody == null ? DataSize.ofKilobytes(64) : maxRequestBody;
    gateway = gateway == null ? new Gateway(null, null, null) : gateway;
    auth = auth == null ? new Auth(null, null, null, null, null, null, null, null, null) : auth;
  }

  /** The issuer of Calisera's tokens: the public base URL without a trailing slash. */
  public String issuer() {
    String url = publicBaseUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * @param commandTimeout how long a request waits for a command's answer
   * @param queryTimeout how long a request waits for a query's answer
   * @param readYourWritesWait how long a change waits for the read models to reflect it before it
   *     answers anyway (and logs that it did)
   */
  public record Gateway(
      Duration commandTimeout, Duration queryTimeout, Duration readYourWritesWait) {
    public Gateway {
      commandTimeout = commandTimeout == null ? Duration.ofSeconds(10) : commandTimeout;
      queryTimeout = queryTimeout == null ? Duration.ofSeconds(5) : queryTimeout;
      readYourWritesWait = readYourWritesWait == null ? Duration.ofSeconds(5) : readYourWritesWait;
    }
  }

  /**
   * @param devLogin {@code true}, {@code false}, or {@code null}: on only for the embedded default
   * @param audience the {@code aud} of Calisera's access tokens
   * @param accessTokenTtl how long an access token is valid
   * @param refreshTokenTtl how long a refresh token is valid (each rotation starts anew)
   * @param signingKeys a JWK set with private keys (the first signs); empty: generated and rotated
   * @param keyRotation a generated key signs for this long before the next one takes over
   * @param keyPublishAhead the next key is published this long before it starts signing
   * @param landingUrl where the browser goes after a web login
   * @param providers the external OpenID Connect issuers, by registration id
   */
  public record Auth(
      Boolean devLogin,
      String audience,
      Duration accessTokenTtl,
      Duration refreshTokenTtl,
      String signingKeys,
      Duration keyRotation,
      Duration keyPublishAhead,
      URI landingUrl,
      Map<String, Provider> providers) {

    public Auth {
      audience = audience == null || audience.isBlank() ? "calisera-api" : audience;
      accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
      refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
      signingKeys = signingKeys == null ? "" : signingKeys.trim();
      keyRotation = keyRotation == null ? Duration.ofDays(30) : keyRotation;
      keyPublishAhead = keyPublishAhead == null ? Duration.ofMinutes(10) : keyPublishAhead;
      providers = providers == null ? Map.of() : Map.copyOf(providers);
    }
  }

  /**
   * An external OpenID Connect issuer (Google, Apple, an operator's Keycloak, ...).
   *
   * @param issuerUri the exact {@code iss} of its ID tokens; discovery is read below it
   * @param jwkSetUri its keys, when discovery is not wanted
   * @param audiences the client ids whose ID tokens the mobile token exchange accepts; empty: the
   *     {@code clientId}
   * @param clientId the bff's client id for the web login (and an accepted audience)
   * @param clientSecret the bff's client secret for the web login; without it no web login
   * @param scopes the web login's scopes
   */
  public record Provider(
      String issuerUri,
      String jwkSetUri,
      List<String> audiences,
      String clientId,
      String clientSecret,
      List<String> scopes) {

    public Provider {
      audiences = audiences == null ? List.of() : List.copyOf(audiences);
      scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "email", "profile") : scopes;
    }

    /** The audiences an ID token may name for the token exchange. */
    public List<String> acceptedAudiences() {
      if (!audiences.isEmpty()) {
        return audiences;
      }
      return clientId == null || clientId.isBlank() ? List.of() : List.of(clientId);
    }

    public boolean hasWebLogin() {
      return clientId != null
          && !clientId.isBlank()
          && clientSecret != null
          && !clientSecret.isBlank();
    }
  }
}
