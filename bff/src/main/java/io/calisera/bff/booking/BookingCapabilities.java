package io.calisera.bff.booking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Guests' capabilities: {@code <bookingId>.<mac>}, where {@code mac} is the HMAC-SHA256 of the
 * booking id under a 256-bit secret of the bff (base64url, 43 characters). Unguessable without the
 * secret, bound to exactly one booking, and derived rather than stored: every bff instance, also
 * after a restart, computes the same capability for a booking, so an idempotent repeat of a booking
 * request hands out the first answer's manage link again, and no event ever carries a secret. The
 * secret lives in the bff's PostgreSQL (table {@code booking_capability_key}), made by the first
 * instance that needs it. Verified in constant time.
 *
 * <p>A capability cannot be revoked alone: it opens its booking for as long as the secret stays.
 * What it opens is only that booking's view, cancel and reschedule.
 */
@Component
public class BookingCapabilities {

  private static final String KEY_ID = "booking-capability-v1";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_LENGTH = 43;
  private static final int MAX_LENGTH = 100 + 1 + MAC_LENGTH;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final JdbcClient jdbc;
  private volatile SecretKeySpec key;

  public BookingCapabilities(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The capability of one booking. */
  public String issue(String bookingId) {
    return bookingId + "." + mac(bookingId);
  }

  /** Whether {@code capability} is the capability of exactly {@code bookingId}. */
  public boolean opens(String capability, String bookingId) {
    if (capability == null || bookingId == null || capability.length() > MAX_LENGTH) {
      return false;
    }
    int dot = capability.lastIndexOf('.');
    if (dot < 1 || !capability.substring(0, dot).equals(bookingId)) {
      return false;
    }
    byte[] presented = capability.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    byte[] expected = mac(bookingId).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(presented, expected);
  }

  private String mac(String bookingId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key());
      return BASE64URL.encodeToString(
          mac.doFinal(("calisera booking " + bookingId).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has " + ALGORITHM, e);
    }
  }

  private SecretKeySpec key() {
    SecretKeySpec loaded = key;
    if (loaded == null) {
      synchronized (this) {
        loaded = key;
        if (loaded == null) {
          loaded = new SecretKeySpec(loadOrCreate(), ALGORITHM);
          key = loaded;
        }
      }
    }
    return loaded;
  }

  /** The first instance to get here stores its fresh secret; every instance then reads the same. */
  private byte[] loadOrCreate() {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    jdbc.sql(
            "insert into booking_capability_key (id, secret, created_at)"
                + " values (?, ?, clock_timestamp()) on conflict (id) do nothing")
        .param(KEY_ID)
        .param(fresh)
        .update();
    return jdbc.sql("select secret from booking_capability_key where id = ?")
        .param(KEY_ID)
        .query(byte[].class)
        .single();
  }
}
