package io.calisera.axonserver.eventstore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;

/**
 * The tamper-evidence chain: each event's digest is HMAC-SHA-256, under the {@link ChainKey}, over
 * the previous event's digest, the event's token and its stored bytes. Changing, removing or
 * reordering a stored event breaks every link from there on, and without the key nobody can make a
 * link that fits.
 *
 * <p>A store begun before the key existed keeps its old links: events with tokens below {@code
 * keyedFrom} are chained by plain SHA-256 over the same input, and the first keyed link covers the
 * last of them (decision 0015).
 */
final class DigestChain {

  /** The "previous digest" of the event with token 0. */
  static final byte[] GENESIS = new byte[32];

  private final Mac hmac;
  private final MessageDigest sha256;
  private final long keyedFrom;
  private final byte[] tokenBytes = new byte[Long.BYTES];

  /**
   * @param keyedFrom the first token chained with the key; earlier ones by plain SHA-256
   */
  DigestChain(ChainKey key, long keyedFrom) {
    this.hmac = key.chainMac();
    this.keyedFrom = keyedFrom;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  byte[] next(byte[] previous, long token, byte[] eventBytes) {
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      tokenBytes[i] = (byte) (token >>> (8 * (Long.BYTES - 1 - i)));
    }
    if (token >= keyedFrom) {
      hmac.update(previous);
      hmac.update(tokenBytes);
      hmac.update(eventBytes);
      return hmac.doFinal();
    }
    sha256.update(previous);
    sha256.update(tokenBytes);
    sha256.update(eventBytes);
    return sha256.digest();
  }
}
