package io.calisera.api.booking;

import io.calisera.api.common.Require;

/**
 * A client's {@code Idempotency-Key} with what identifies its request.
 *
 * @param scope whose key it is (the account id, or the guest's), so that clients cannot collide
 * @param key the header's value
 * @param fingerprint a digest of the request body: the same key with another body is refused
 */
public record Idempotency(String scope, String key, String fingerprint) {

  public Idempotency {
    Require.text(scope, "idempotency.scope", 100);
    Require.text(key, "Idempotency-Key", 200);
    Require.text(fingerprint, "idempotency.fingerprint", 200);
  }
}
