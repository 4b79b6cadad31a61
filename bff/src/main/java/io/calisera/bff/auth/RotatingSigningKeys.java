package io.calisera.bff.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys the bff generates (ES256, P-256) and rotates itself, kept in its PostgreSQL so that every
 * instance signs with the same key and verifies every instance's tokens.
 *
 * <p>The lifecycle of a key: it is created {@code publishAhead} before it starts signing, so that
 * clients that cache the JWKS already know it when its first token arrives; it signs for {@code
 * rotation}; after its successor took over it stays published until the last token it signed has
 * expired ({@code accessTokenTtl} plus clock skew); then it is deleted, private part included.
 * Every instance may rotate; a database lock makes one of them do it.
 */
public final class RotatingSigningKeys implements SigningKeys {

  private static final Logger LOG = LoggerFactory.getLogger(RotatingSigningKeys.class);

  /** How long the cached keys are trusted before they are read again. */
  private static final Duration REFRESH = Duration.ofSeconds(30);

  /** An unknown kid makes the keys be read again, but not more often than this. */
  private static final Duration RELOAD_ON_MISS = Duration.ofSeconds(1);

  /** How long before its creation the very first key counts as active. */
  private static final Duration FIRST_KEY_BACKDATE = Duration.ofMinutes(1);

  private final SigningKeyStore store;
  private final Clock clock;
  private final Duration rotation;
  private final Duration publishAhead;
  private final Duration retention;

  private volatile List<StoredSigningKey> keys = List.of();
  private volatile Instant loadedAt = Instant.MIN;

  /**
   * @param retention how long a key stays published after its successor took over: the access
   *     tokens' lifetime plus the clock skew their validation allows
   */
  public RotatingSigningKeys(
      SigningKeyStore store,
      Clock clock,
      Duration rotation,
      Duration publishAhead,
      Duration retention) {
    if (!publishAhead.isNegative() && publishAhead.compareTo(rotation) >= 0) {
      throw new IllegalArgumentException("keys must be published for less than they sign");
    }
    this.store = store;
    this.clock = clock;
    this.rotation = rotation;
    this.publishAhead = publishAhead;
    this.retention = retention;
  }

  @Override
  public JWK signingKey() {
    Instant now = clock.instant();
    List<StoredSigningKey> current = current(now);
    if (needsChange(current, now)) {
      rotate(now);
      current = load(now);
    }
    return signer(current, now)
        .orElseThrow(() -> new IllegalStateException("no signing key is active"))
        .key();
  }

  @Override
  public JWKSet publishedKeys() {
    Instant now = clock.instant();
    List<StoredSigningKey> current = current(now);
    if (needsChange(current, now)) {
      rotate(now);
      current = load(now);
    }
    return new JWKSet(published(current, now).stream().map(k -> k.key().toPublicJWK()).toList());
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    Instant now = clock.instant();
    List<JWK> found = selector.select(verification(current(now), now));
    if (found.isEmpty() && loadedAt.plus(RELOAD_ON_MISS).isBefore(now)) {
      // another instance may have rotated: read again before calling the token bad
      found = selector.select(verification(load(now), now));
    }
    return found;
  }

  /** Keeps the keys current even when nobody signs: pending keys appear, old ones go. */
  public void maintain() {
    Instant now = clock.instant();
    if (needsChange(load(now), now)) {
      rotate(now);
      load(now);
    }
  }

  private JWKSet verification(List<StoredSigningKey> current, Instant now) {
    return new JWKSet(published(current, now).stream().map(k -> k.key().toPublicJWK()).toList());
  }

  private List<StoredSigningKey> current(Instant now) {
    if (loadedAt.plus(REFRESH).isBefore(now) || keys.isEmpty()) {
      return load(now);
    }
    return keys;
  }

  private List<StoredSigningKey> load(Instant now) {
    List<StoredSigningKey> loaded = store.all();
    keys = loaded;
    loadedAt = now;
    return loaded;
  }

  private void rotate(Instant now) {
    store.change(
        stored -> {
          if (!needsChange(stored, now)) {
            return SigningKeyStore.Change.NONE;
          }
          List<StoredSigningKey> add = new ArrayList<>();
          var signer = signer(stored, now);
          boolean pending = stored.stream().anyMatch(k -> k.activeFrom().isAfter(now));
          if (signer.isEmpty() && !pending) {
            // active a little before now: a concurrent request that read the clock a moment
            // earlier must find it active too (and the database keeps microseconds only)
            add.add(generate(now, now.truncatedTo(ChronoUnit.SECONDS).minus(FIRST_KEY_BACKDATE)));
            LOG.info("Generated the first access-token signing key {}", add.get(0).kid());
          } else if (!pending && dueForSuccessor(signer.get(), now)) {
            Instant from =
                later(signer.get().activeFrom().plus(rotation), now.plus(publishAhead))
                    .truncatedTo(ChronoUnit.SECONDS);
            StoredSigningKey next = generate(now, from);
            add.add(next);
            LOG.info(
                "Generated access-token signing key {}; it signs from {} on, after {}",
                next.kid(),
                from,
                signer.get().kid());
          }
          List<String> delete = new ArrayList<>();
          List<StoredSigningKey> kept = published(stored, now);
          for (StoredSigningKey key : stored) {
            if (!kept.contains(key)) {
              delete.add(key.kid());
              LOG.info("Deleted access-token signing key {}: no valid token uses it", key.kid());
            }
          }
          return new SigningKeyStore.Change(add, delete);
        });
  }

  private boolean needsChange(List<StoredSigningKey> stored, Instant now) {
    var signer = signer(stored, now);
    boolean pending = stored.stream().anyMatch(k -> k.activeFrom().isAfter(now));
    if (signer.isEmpty()) {
      return !pending;
    }
    if (!pending && dueForSuccessor(signer.get(), now)) {
      return true;
    }
    return published(stored, now).size() < stored.size();
  }

  private boolean dueForSuccessor(StoredSigningKey signer, Instant now) {
    return !signer.activeFrom().plus(rotation).minus(publishAhead).isAfter(now);
  }

  /** The key that signs at {@code now}: the latest one active by then. */
  private static java.util.Optional<StoredSigningKey> signer(
      List<StoredSigningKey> stored, Instant now) {
    return stored.stream()
        .filter(k -> !k.activeFrom().isAfter(now))
        .max(java.util.Comparator.comparing(StoredSigningKey::activeFrom));
  }

  /**
   * Pending keys, the signer, and earlier keys whose successor took over less than {@code
   * retention} ago.
   */
  private List<StoredSigningKey> published(List<StoredSigningKey> stored, Instant now) {
    List<StoredSigningKey> sorted =
        stored.stream()
            .sorted(java.util.Comparator.comparing(StoredSigningKey::activeFrom))
            .toList();
    List<StoredSigningKey> result = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      StoredSigningKey key = sorted.get(i);
      if (i == sorted.size() - 1) {
        result.add(key);
        continue;
      }
      Instant replacedAt = sorted.get(i + 1).activeFrom();
      if (replacedAt.isAfter(now) || replacedAt.plus(retention).isAfter(now)) {
        result.add(key);
      }
    }
    return result;
  }

  private static StoredSigningKey generate(Instant now, Instant activeFrom) {
    try {
      JWK key =
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .keyIDFromThumbprint(true)
              .generate();
      return new StoredSigningKey(key, now, activeFrom);
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not generate a signing key", e);
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
