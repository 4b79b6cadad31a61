package io.calisera.bff.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Calisera's access-token signing keys: the one that signs now, and the public keys that verify
 * (published at {@code /.well-known/jwks.json}). As a {@link JWKSource} it gives the verification
 * keys to the bff's own JWT decoder.
 */
public interface SigningKeys extends JWKSource<SecurityContext> {

  /** The private key that signs new tokens, with its {@code kid} and {@code alg}. */
  JWK signingKey();

  /** The public keys a client needs to verify any token that is still valid. */
  JWKSet publishedKeys();
}
