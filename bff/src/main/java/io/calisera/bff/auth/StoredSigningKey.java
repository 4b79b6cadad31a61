package io.calisera.bff.auth;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;

/**
 * A generated signing key as stored: it signs from {@code activeFrom} until a newer key is active.
 *
 * @param key the private JWK with its {@code kid} and {@code alg}
 */
public record StoredSigningKey(JWK key, Instant createdAt, Instant activeFrom) {

  public String kid() {
    return key.getKeyID();
  }
}
