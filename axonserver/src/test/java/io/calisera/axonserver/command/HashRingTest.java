package io.calisera.axonserver.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HashRingTest {

  /** Routing keys as the framework produces them: aggregate ids. */
  private static final List<String> KEYS =
      IntStream.range(0, 20_000).mapToObj(i -> "account-" + i).toList();

  @Test
  void aKeyAlwaysGoesToTheSameMemberWhileTheMembersStayTheSame() {
    var ring = ring(Map.of("a", 100, "b", 100, "c", 100));
    var rebuilt = ring(Map.of("c", 100, "a", 100, "b", 100));

    for (String key : KEYS) {
      String member = ring.memberFor(key);
      assertThat(ring.memberFor(key)).isEqualTo(member);
      assertThat(rebuilt.memberFor(key))
          .as("a ring rebuilt with the same members (e.g. after a reconnect) agrees")
          .isEqualTo(member);
    }
  }

  @Test
  void aJoiningMemberTakesOverOnlyPartOfTheKeysAndNothingElseMoves() {
    var before = ring(Map.of("a", 100, "b", 100, "c", 100));
    var after = ring(Map.of("a", 100, "b", 100, "c", 100, "d", 100));

    int moved = 0;
    for (String key : KEYS) {
      String was = before.memberFor(key);
      String is = after.memberFor(key);
      if (!was.equals(is)) {
        assertThat(is).as("a moved key moves to the newcomer only").isEqualTo("d");
        moved++;
      }
    }
    double share = (double) moved / KEYS.size();
    assertThat(share)
        .as("about a quarter of the keys move to the fourth member")
        .isBetween(0.15, 0.35);
  }

  @Test
  void aLeavingMemberGivesUpOnlyItsOwnKeys() {
    var before = ring(Map.of("a", 100, "b", 100, "c", 100));
    var after = ring(Map.of("a", 100, "b", 100));

    for (String key : KEYS) {
      String was = before.memberFor(key);
      if (!was.equals("c")) {
        assertThat(after.memberFor(key)).as("key %s stays where it was", key).isEqualTo(was);
      }
    }
  }

  @Test
  void sharesAreRoughlyProportionalToTheLoadFactor() {
    var ring = ring(Map.of("small", 100, "medium", 200, "large", 300));

    Map<String, Double> shares = shares(ring);

    assertThat(shares.get("small")).isCloseTo(1.0 / 6, within(0.06));
    assertThat(shares.get("medium")).isCloseTo(2.0 / 6, within(0.08));
    assertThat(shares.get("large")).isCloseTo(3.0 / 6, within(0.08));
    assertThat(shares.get("small")).isLessThan(shares.get("medium"));
    assertThat(shares.get("medium")).isLessThan(shares.get("large"));
  }

  @Test
  void equalLoadFactorsShareTheKeysEvenly() {
    Map<String, Double> shares = shares(ring(Map.of("a", 100, "b", 100, "c", 100, "d", 100)));

    shares.values().forEach(share -> assertThat(share).isCloseTo(0.25, within(0.07)));
  }

  @Test
  void aRingWithoutMembersIsEmpty() {
    assertThat(ring(Map.of()).isEmpty()).isTrue();
  }

  @Test
  void theHashSpreadsSimilarKeys() {
    assertThat(HashRing.hash("account-1")).isNotEqualTo(HashRing.hash("account-2"));
    assertThat(HashRing.hash("account-1")).isEqualTo(HashRing.hash("account-1"));
  }

  private static HashRing<String> ring(Map<String, Integer> loadFactors) {
    var members = new LinkedHashMap<String, HashRing.Weighted<String>>();
    loadFactors.forEach((name, load) -> members.put(name, new HashRing.Weighted<>(name, load)));
    return new HashRing<>(members);
  }

  private static Map<String, Double> shares(HashRing<String> ring) {
    var counts = new HashMap<String, Integer>();
    KEYS.forEach(key -> counts.merge(ring.memberFor(key), 1, Integer::sum));
    var shares = new HashMap<String, Double>();
    counts.forEach((member, count) -> shares.put(member, (double) count / KEYS.size()));
    return shares;
  }
}
