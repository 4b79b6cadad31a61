package io.calisera.bff.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Hand-made JWTs for the tests that prove bad tokens are refused. */
public final class Jwts {

  private Jwts() {}

  public static JWTClaimsSet.Builder claims(
      String issuer, String audience, String subject, Instant issuedAt, Instant expiresAt) {
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject(subject)
        .issueTime(Date.from(issuedAt))
        .expirationTime(Date.from(expiresAt))
        .jwtID(UUID.randomUUID().toString())
        .claim("roles", List.of("CUSTOMER", "ADMIN"))
        .claim("email", subject + "@example.com")
        .claim("name", subject);
  }

  public static String sign(JWK key, JWTClaimsSet claims) {
    try {
      JWSAlgorithm algorithm = JWSAlgorithm.parse(key.getAlgorithm().getName());
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(algorithm)
                  .keyID(key.getKeyID())
                  .type(new JOSEObjectType("at+jwt"))
                  .build(),
              claims);
      jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, algorithm));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A valid access token of a {@link BffTest}'s bff for a fresh account that holds exactly {@code
   * roles} (dev-login always grants {@code CUSTOMER}).
   */
  public static String ofAccountWithRoles(JWK key, Instant now, String... roles) {
    return sign(
        key,
        claims(
                "https://api.calisera.test",
                "calisera-api",
                "acc-" + UUID.randomUUID(),
                now,
                now.plusSeconds(900))
            .claim("roles", List.of(roles))
            .build());
  }

  /** {@code alg: none}: no signature at all. */
  public static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /** A fresh P-256 key that Calisera never published, under the given kid. */
  public static JWK strangerKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The token with its payload changed (roles widened) and the original signature kept. */
  public static String tampered(String token) {
    String[] parts = token.split("\\.");
    String payload = Base64URL.from(parts[1]).decodeToString();
    String changed = payload.replace("\"CUSTOMER\"", "\"CUSTOMER\",\"ADMIN\"");
    if (changed.equals(payload)) {
      changed = payload.replace("\"sub\":\"", "\"sub\":\"x");
    }
    return parts[0]
        + "."
        + Base64URL.encode(changed.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  public static ECKey ec(JWK key) {
    return (ECKey) key;
  }
}
