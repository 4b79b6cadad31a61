package io.calisera.bff.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.calisera.api.common.Role;
import io.calisera.bff.BffProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Calisera's access tokens (RFC 9068 JWTs, {@code typ: at+jwt}): issued here, signed with the
 * current {@link SigningKeys} key, and verified by the bff as their resource server. Claims: {@code
 * iss} (the public base URL), {@code sub} (the account), {@code aud}, {@code iat}, {@code exp},
 * {@code jti}, {@code roles}, and {@code email}, {@code name}, {@code sid} (the refresh-token
 * family) for the bff's own use.
 */
public final class AccessTokens {

  public static final String TYPE = "at+jwt";
  static final String ROLES = "roles";
  static final String EMAIL = "email";
  static final String NAME = "name";
  static final String SESSION = "sid";

  /** The clock difference between bff instances that validation tolerates. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final SigningKeys keys;
  private final Clock clock;
  private final String issuer;
  private final String audience;
  private final Duration ttl;

  public AccessTokens(SigningKeys keys, Clock clock, BffProperties properties) {
    this.keys = keys;
    this.clock = clock;
    this.issuer = properties.issuer();
    this.audience = properties.auth().audience();
    this.ttl = properties.auth().accessTokenTtl();
  }

  /** A signed access token. */
  public record Issued(String token, Duration expiresIn) {}

  public Issued issue(Caller caller) {
    Instant now = clock.instant();
    JWK key = keys.signingKey();
    JWSAlgorithm algorithm = JWSAlgorithm.parse(key.getAlgorithm().getName());
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(caller.accountId())
            .audience(audience)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .claim(ROLES, caller.roles().stream().sorted().map(Role::name).toList())
            .claim(EMAIL, caller.email())
            .claim(NAME, caller.name());
    if (caller.sessionId() != null) {
      claims.claim(SESSION, caller.sessionId());
    }
    var header =
        new JWSHeader.Builder(algorithm)
            .keyID(key.getKeyID())
            .type(new JOSEObjectType(TYPE))
            .build();
    try {
      SignedJWT jwt = new SignedJWT(header, claims.build());
      jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, algorithm));
      return new Issued(jwt.serialize(), ttl);
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not sign an access token", e);
    }
  }

  /**
   * The decoder of the bff as resource server: a signature by a published key (ES256 or RS256 only,
   * so never {@code none} or a symmetric algorithm), {@code typ: at+jwt}, the bff's issuer and
   * audience, and a present, unexpired {@code exp} by the bff's clock.
   */
  public JwtDecoder decoder() {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withJwkSource(keys)
            .jwsAlgorithms(
                algorithms -> {
                  algorithms.clear();
                  algorithms.add(SignatureAlgorithm.ES256);
                  algorithms.add(SignatureAlgorithm.RS256);
                })
            .jwtProcessorCustomizer(
                processor ->
                    processor.setJWSTypeVerifier(
                        new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(TYPE))))
            .build();
    decoder.setJwtValidator(validator());
    return decoder;
  }

  private OAuth2TokenValidator<Jwt> validator() {
    JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
    timestamps.setClock(clock);
    timestamps.setAllowEmptyExpiryClaim(false);
    return new DelegatingOAuth2TokenValidator<>(
        List.of(
            timestamps,
            new JwtIssuerValidator(issuer),
            new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
            new JwtClaimValidator<String>(
                JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank())));
  }

  /** The caller a verified token stands for. */
  public static Caller caller(Jwt jwt) {
    List<String> names = jwt.getClaimAsStringList(ROLES);
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (names != null) {
      for (String name : names) {
        try {
          roles.add(Role.valueOf(name));
        } catch (IllegalArgumentException unknown) {
          // a role this version does not know grants nothing
        }
      }
    }
    return new Caller(
        jwt.getSubject(),
        jwt.getClaimAsString(EMAIL),
        jwt.getClaimAsString(NAME),
        roles,
        jwt.getClaimAsString(SESSION));
  }
}
