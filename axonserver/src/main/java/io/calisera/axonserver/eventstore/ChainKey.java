package io.calisera.axonserver.eventstore;

import io.calisera.postgres.Passwords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the tamper-evidence chain, its checkpoints and the snapshots' seals (decision 0015): a
 * secret the database never holds, so that whoever can rewrite the event tables cannot recompute a
 * link. It lives in a file of the hub's (by default made on the first start, 256 random bits under
 * {@code $CALISERA_HOME/secrets}, readable by this user only) or one the operator gives. Each use
 * has a key of its own derived from it, so that a link can never pass for a checkpoint's or a
 * snapshot's seal. The key is never logged.
 */
public final class ChainKey {

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MIN_BYTES = 32;

  private final SecretKeySpec chain;
  private final SecretKeySpec checkpoint;
  private final SecretKeySpec snapshot;

  private ChainKey(byte[] secret) {
    if (secret.length < MIN_BYTES) {
      throw new IllegalStateException(
          "The hub's chain key has " + secret.length + " bytes; it needs at least " + MIN_BYTES);
    }
    var master = new SecretKeySpec(secret, ALGORITHM);
    this.chain = derive(master, "calisera event chain");
    this.checkpoint = derive(master, "calisera checkpoint");
    this.snapshot = derive(master, "calisera snapshot");
  }

  /**
   * The key in {@code file}: hexadecimal digits (at least 64, i.e. 256 bits), e.g. {@code openssl
   * rand -hex 32}. A missing file is made first, with a new random key, readable by this user only.
   */
  public static ChainKey readOrCreate(Path file) {
    String hex = Passwords.readOrCreate(file);
    try {
      return new ChainKey(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "The hub's chain key file " + file + " must hold hexadecimal digits only");
    }
  }

  /** A key from raw bytes (tests). */
  static ChainKey of(byte[] secret) {
    return new ChainKey(secret.clone());
  }

  Mac chainMac() {
    return mac(chain);
  }

  Mac checkpointMac() {
    return mac(checkpoint);
  }

  Mac snapshotMac() {
    return mac(snapshot);
  }

  private static SecretKeySpec derive(SecretKeySpec master, String purpose) {
    return new SecretKeySpec(
        mac(master).doFinal(purpose.getBytes(StandardCharsets.UTF_8)), ALGORITHM);
  }

  private static Mac mac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every Java runtime has " + ALGORITHM, e);
    }
  }

  @Override
  public String toString() {
    return "ChainKey[hidden]";
  }
}
