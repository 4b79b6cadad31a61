package io.calisera.axonserver.eventstore;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The tamper-evidence chain: each event's digest is SHA-256 over the previous event's digest, the
 * event's token and its stored bytes. Changing, removing or reordering a stored event breaks every
 * link from there on.
 */
final class DigestChain {

  /** The "previous digest" of the event with token 0. */
  static final byte[] GENESIS = new byte[32];

  private final MessageDigest sha256;

  DigestChain() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  byte[] next(byte[] previous, long token, byte[] eventBytes) {
    sha256.update(previous);
    sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(0, token).array());
    sha256.update(eventBytes);
    return sha256.digest();
  }
}
