package io.calisera.bff.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;

/**
 * Account ids derived from the identity, so that every login of one person, concurrent first logins
 * included, names one account: name-based UUIDs (version 5, SHA-1) in a namespace of Calisera's. An
 * external identity is its issuer and subject (an email can change hands, a subject cannot); a
 * dev-login identity its email, in a separate name space so it never meets an external one.
 */
public final class AccountIds {

  /** Calisera's namespace for account ids (a random UUID, fixed forever). */
  static final UUID NAMESPACE = UUID.fromString("5f0c2a8e-6a37-4f0e-9b8e-2f6f1c2d8a41");

  private AccountIds() {}

  public static String ofExternalIdentity(String issuer, String subject) {
    return nameBased("oidc\n" + issuer + "\n" + subject).toString();
  }

  public static String ofDevLogin(String email) {
    return nameBased("dev-login\n" + email.trim().toLowerCase(Locale.ROOT)).toString();
  }

  static UUID nameBased(String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      ByteBuffer namespace = ByteBuffer.allocate(16);
      namespace.putLong(NAMESPACE.getMostSignificantBits());
      namespace.putLong(NAMESPACE.getLeastSignificantBits());
      sha1.update(namespace.array());
      byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
      ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(bytes.getLong(), bytes.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
