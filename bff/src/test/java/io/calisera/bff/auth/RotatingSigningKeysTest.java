package io.calisera.bff.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import io.calisera.bff.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Key rotation: a key signs for the rotation period; its successor is published ahead of taking
 * over; a replaced key stays published until every token it signed has expired, then it is gone.
 * Two instances sharing the store agree on the key.
 */
class RotatingSigningKeysTest {

  private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

  /** The first key counts as active from a minute before it was made. */
  private static final Instant FIRST_ACTIVE = START.minusSeconds(60);

  private static final Duration ROTATION = Duration.ofDays(30);
  private static final Duration AHEAD = Duration.ofMinutes(10);
  private static final Duration RETENTION = Duration.ofMinutes(15).plusSeconds(30);

  private final MutableClock clock = new MutableClock(START);
  private final InMemoryStore store = new InMemoryStore();
  private final RotatingSigningKeys instanceA = keys();
  private final RotatingSigningKeys instanceB = keys();

  @Test
  void theFirstStartGeneratesOneKeyThatSignsAtOnce() {
    JWK key = instanceA.signingKey();
    assertThat(key.isPrivate()).isTrue();
    assertThat(key.getKeyID()).isNotBlank();
    assertThat(key.getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(kids(instanceA)).containsExactly(key.getKeyID());
    assertThat(instanceA.publishedKeys().getKeys()).noneMatch(JWK::isPrivate);
  }

  @Test
  void anotherInstanceSignsWithTheSameKey() {
    JWK first = instanceA.signingKey();
    assertThat(instanceB.signingKey().getKeyID()).isEqualTo(first.getKeyID());
    assertThat(store.keys).hasSize(1);
  }

  @Test
  void theNextKeyIsPublishedBeforeItSignsAndTheOldOneStaysUntilItsTokensExpired() {
    String first = instanceA.signingKey().getKeyID();

    clock.set(FIRST_ACTIVE.plus(ROTATION).minus(AHEAD).minusSeconds(1));
    instanceA.maintain();
    assertThat(kids(instanceA)).containsExactly(first);

    clock.set(FIRST_ACTIVE.plus(ROTATION).minus(AHEAD));
    instanceA.maintain();
    assertThat(kids(instanceA)).hasSize(2).contains(first);
    String next = kids(instanceA).stream().filter(k -> !k.equals(first)).findFirst().orElseThrow();
    assertThat(instanceA.signingKey().getKeyID()).as("still the first signs").isEqualTo(first);

    clock.set(FIRST_ACTIVE.plus(ROTATION));
    assertThat(instanceA.signingKey().getKeyID()).isEqualTo(next);
    assertThat(kids(instanceB)).as("the first still verifies its tokens").contains(first, next);

    clock.set(FIRST_ACTIVE.plus(ROTATION).plus(RETENTION).minusSeconds(1));
    assertThat(kids(instanceA)).contains(first);

    clock.set(FIRST_ACTIVE.plus(ROTATION).plus(RETENTION));
    instanceA.maintain();
    assertThat(kids(instanceA)).containsExactly(next);
    assertThat(store.keys).extracting(StoredSigningKey::kid).containsExactly(next);
  }

  @Test
  void afterADowntimeLongerThanARotationTheSuccessorIsStillPublishedAheadOfSigning() {
    String first = instanceA.signingKey().getKeyID();
    clock.set(START.plus(ROTATION.multipliedBy(3)));
    assertThat(instanceA.signingKey().getKeyID()).isEqualTo(first);
    assertThat(kids(instanceA)).hasSize(2);

    clock.advance(AHEAD);
    assertThat(instanceA.signingKey().getKeyID()).isNotEqualTo(first);
  }

  private RotatingSigningKeys keys() {
    return new RotatingSigningKeys(store, clock, ROTATION, AHEAD, RETENTION);
  }

  private static List<String> kids(RotatingSigningKeys keys) {
    return keys.publishedKeys().getKeys().stream().map(JWK::getKeyID).toList();
  }

  private static final class InMemoryStore implements SigningKeyStore {
    final List<StoredSigningKey> keys = new ArrayList<>();

    @Override
    public synchronized List<StoredSigningKey> all() {
      return keys.stream().sorted(Comparator.comparing(StoredSigningKey::activeFrom)).toList();
    }

    @Override
    public synchronized void change(Function<List<StoredSigningKey>, Change> change) {
      Change decided = change.apply(all());
      keys.addAll(decided.add());
      keys.removeIf(k -> decided.delete().contains(k.kid()));
    }
  }
}
