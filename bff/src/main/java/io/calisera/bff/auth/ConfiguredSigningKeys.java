package io.calisera.bff.auth;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys the operator configures ({@code CALISERA_JWT_SIGNING_KEYS}): a JWK set of private EC (P-256,
 * ES256) or RSA (RS256) keys, each with a {@code kid}. The first key signs; all are published, so
 * the operator rotates by putting a new key first and removing the old one once the tokens it
 * signed have expired. The bff never generates or rotates these.
 */
public final class ConfiguredSigningKeys implements SigningKeys {

  private final JWK signing;
  private final JWKSet published;

  public ConfiguredSigningKeys(String jwkSetJson) {
    JWKSet set;
    try {
      set = JWKSet.parse(jwkSetJson);
    } catch (ParseException e) {
      // the message could quote key material: say only where the problem is
      throw new IllegalStateException("CALISERA_JWT_SIGNING_KEYS is not a valid JWK set");
    }
    if (set.getKeys().isEmpty()) {
      throw new IllegalStateException("CALISERA_JWT_SIGNING_KEYS holds no key");
    }
    List<JWK> keys = new ArrayList<>();
    for (JWK key : set.getKeys()) {
      if (key.getKeyID() == null || key.getKeyID().isBlank()) {
        throw new IllegalStateException("every key of CALISERA_JWT_SIGNING_KEYS needs a kid");
      }
      if (!key.isPrivate()) {
        throw new IllegalStateException(
            "key " + key.getKeyID() + " of CALISERA_JWT_SIGNING_KEYS has no private part");
      }
      keys.add(withAlgorithm(key));
    }
    this.signing = keys.get(0);
    this.published = new JWKSet(keys.stream().map(JWK::toPublicJWK).toList());
  }

  private static JWK withAlgorithm(JWK key) {
    Algorithm algorithm = key.getAlgorithm();
    if (key instanceof ECKey ec) {
      if (!ECKey.SUPPORTED_CURVES.contains(ec.getCurve())
          || !com.nimbusds.jose.jwk.Curve.P_256.equals(ec.getCurve())) {
        throw new IllegalStateException("key " + key.getKeyID() + ": EC keys must be P-256");
      }
      return algorithm != null ? ec : new ECKey.Builder(ec).algorithm(JWSAlgorithm.ES256).build();
    }
    if (key instanceof RSAKey rsa) {
      if (rsa.size() < 2048) {
        throw new IllegalStateException(
            "key " + key.getKeyID() + ": RSA keys need at least 2048 bits");
      }
      return algorithm != null
          ? rsa
          : new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.RS256).build();
    }
    throw new IllegalStateException(
        "key " + key.getKeyID() + ": only EC (P-256) and RSA keys can sign access tokens");
  }

  @Override
  public JWK signingKey() {
    return signing;
  }

  @Override
  public JWKSet publishedKeys() {
    return published;
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    return selector.select(published);
  }
}
