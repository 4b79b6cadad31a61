package io.calisera.axonserver.command;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consistent hashing of routing keys onto members, each member owning a share of the ring in
 * proportion to its load factor. While the members stay the same, a key always lands on the same
 * member; when one joins or leaves, only the keys of its share move.
 *
 * @param <M> the member type
 */
final class HashRing<M> {

  /** Points on the ring per unit of load factor; 100 (the default factor) gives 100 points. */
  private static final int POINTS_PER_LOAD = 1;

  private final TreeMap<Long, M> ring = new TreeMap<>();

  /**
   * @param members each member by its stable identity (the same after a reconnect), with its load
   *     factor
   */
  HashRing(Map<String, Weighted<M>> members) {
    members.forEach(
        (identity, weighted) -> {
          int points = Math.max(1, weighted.loadFactor() * POINTS_PER_LOAD);
          for (int i = 0; i < points; i++) {
            ring.put(hash(identity + "#" + i), weighted.member());
          }
        });
  }

  record Weighted<M>(M member, int loadFactor) {}

  boolean isEmpty() {
    return ring.isEmpty();
  }

  M memberFor(String routingKey) {
    Map.Entry<Long, M> entry = ring.ceilingEntry(hash(routingKey));
    return entry != null ? entry.getValue() : ring.firstEntry().getValue();
  }

  /** 64-bit FNV-1a with a final avalanche mix, so that similar keys spread over the whole ring. */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
