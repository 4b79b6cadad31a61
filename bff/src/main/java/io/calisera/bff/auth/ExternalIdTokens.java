package io.calisera.bff.auth;

import com.nimbusds.jwt.JWTParser;
import io.calisera.bff.BffProperties;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ProblemCode;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies OpenID Connect ID tokens of the configured external issuers (the mobile token exchange):
 * the issuer must be one of them (exactly its {@code iss}), the signature must be by a key of that
 * issuer's JWKS (from discovery, or the configured JWKS URI), {@code aud} must name one of the
 * accepted client ids, {@code exp} must not have passed by the bff's clock, and a nonce the client
 * gives must be the token's. Every failure is 401 {@code UNAUTHENTICATED}.
 */
public final class ExternalIdTokens {

  private static final Logger LOG = LoggerFactory.getLogger(ExternalIdTokens.class);
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private final Map<String, BffProperties.Provider> byIssuer;
  private final Clock clock;
  private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

  public ExternalIdTokens(Map<String, BffProperties.Provider> providers, Clock clock) {
    this.byIssuer = new ConcurrentHashMap<>();
    providers.values().stream()
        .filter(p -> p.issuerUri() != null && !p.issuerUri().isBlank())
        .forEach(p -> byIssuer.put(p.issuerUri(), p));
    this.clock = clock;
  }

  /** Who an ID token says the person is, once it is verified. */
  public record Identity(String issuer, String subject, String email, String name) {}

  public Identity verify(String idToken, String nonce) {
    String issuer = unverifiedIssuer(idToken);
    BffProperties.Provider provider = byIssuer.get(issuer);
    if (provider == null) {
      LOG.info("Refused an ID token of an issuer that is not configured: {}", issuer);
      throw ApiProblem.unauthenticated("The ID token's issuer is not accepted");
    }
    Jwt jwt;
    try {
      jwt = decoders.computeIfAbsent(issuer, i -> decoder(provider)).decode(idToken);
    } catch (JwtException e) {
      if (unreachable(e)) {
        LOG.warn("The keys of {} cannot be read: {}", issuer, e.getMessage());
        throw new ApiProblem(
            ProblemCode.SERVICE_UNAVAILABLE, "The identity provider cannot be reached; try again");
      }
      LOG.info("Refused an ID token of {}: {}", issuer, e.getMessage());
      throw ApiProblem.unauthenticated("The ID token is not valid");
    } catch (RuntimeException e) {
      LOG.warn("The configuration of {} cannot be read: {}", issuer, e.toString());
      throw new ApiProblem(
          ProblemCode.SERVICE_UNAVAILABLE, "The identity provider cannot be reached; try again");
    }
    if (nonce != null && !nonce.equals(jwt.getClaimAsString("nonce"))) {
      LOG.info("Refused an ID token of {}: the nonce does not match", issuer);
      throw ApiProblem.unauthenticated("The ID token is not valid for this nonce");
    }
    return new Identity(issuer, jwt.getSubject(), email(jwt), name(jwt));
  }

  private JwtDecoder decoder(BffProperties.Provider provider) {
    var builder =
        provider.jwkSetUri() != null && !provider.jwkSetUri().isBlank()
            ? NimbusJwtDecoder.withJwkSetUri(provider.jwkSetUri())
            : NimbusJwtDecoder.withIssuerLocation(provider.issuerUri());
    NimbusJwtDecoder decoder =
        builder
            .jwsAlgorithms(
                algorithms -> {
                  algorithms.clear();
                  algorithms.addAll(
                      List.of(
                          SignatureAlgorithm.RS256,
                          SignatureAlgorithm.RS384,
                          SignatureAlgorithm.RS512,
                          SignatureAlgorithm.PS256,
                          SignatureAlgorithm.ES256,
                          SignatureAlgorithm.ES384));
                })
            .build();
    JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
    timestamps.setClock(clock);
    timestamps.setAllowEmptyExpiryClaim(false);
    List<String> audiences = provider.acceptedAudiences();
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            List.of(
                timestamps,
                new JwtIssuerValidator(provider.issuerUri()),
                new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)),
                new JwtClaimValidator<String>(
                    JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()))));
    return decoder;
  }

  private static boolean unreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof com.nimbusds.jose.RemoteKeySourceException
          || cause instanceof java.io.IOException
          || cause instanceof org.springframework.web.client.ResourceAccessException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static String unverifiedIssuer(String idToken) {
    try {
      String issuer = JWTParser.parse(idToken).getJWTClaimsSet().getIssuer();
      if (issuer == null) {
        throw ApiProblem.unauthenticated("The ID token names no issuer");
      }
      return issuer;
    } catch (ParseException e) {
      throw ApiProblem.unauthenticated("The ID token is not a JWT");
    }
  }

  private static String email(Jwt jwt) {
    String email = jwt.getClaimAsString("email");
    if (email == null || email.isBlank()) {
      throw ApiProblem.invalid(
          "idToken", "must carry an email claim (ask the provider for the email scope)");
    }
    return email;
  }

  private static String name(Jwt jwt) {
    String name = jwt.getClaimAsString("name");
    if (name == null || name.isBlank()) {
      String given = jwt.getClaimAsString("given_name");
      String family = jwt.getClaimAsString("family_name");
      name = ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
    }
    if (name.isBlank()) {
      name = jwt.getClaimAsString("preferred_username");
    }
    if (name == null || name.isBlank()) {
      String email = email(jwt);
      name = email.substring(0, Math.max(1, email.indexOf('@'))).toLowerCase(Locale.ROOT);
    }
    return name.length() > 200 ? name.substring(0, 200) : name;
  }

  /** Whether any issuer is configured. */
  public boolean isEmpty() {
    return byIssuer.isEmpty();
  }
}
