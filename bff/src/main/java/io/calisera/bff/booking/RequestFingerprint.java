package io.calisera.bff.booking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of a booking request for its idempotency key: SHA-256 over the request's fields
 * after they were read and normalised (the start as a UTC instant, the phone in E.164, texts
 * trimmed), each written with its length, so that two requests that mean the same have one
 * fingerprint however their JSON was spelled, and no two different ones share it.
 */
final class RequestFingerprint {

  private final StringBuilder canonical = new StringBuilder("booking-request-v1\n");

  RequestFingerprint add(Object value) {
    if (value == null) {
      canonical.append("-\n");
    } else {
      String text = value.toString();
      canonical.append(text.length()).append(':').append(text).append('\n');
    }
    return this;
  }

  String digest() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
