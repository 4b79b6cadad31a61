package io.calisera.notification.delivery;

import java.time.Duration;

/**
 * When a message that failed is tried again: after {@code first}, doubling each time, never more
 * than {@code cap} apart, and given up ({@code FAILED}) after {@code maxAttempts}. The defaults (5
 * s, 5 min, 20) keep a message alive through about 80 minutes of a gateway being away.
 */
public record Retries(Duration first, Duration cap, int maxAttempts) {

  public Retries {
    if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "retries need 0 < first <= cap and at least one attempt, were "
              + first
              + ", "
              + cap
              + ", "
              + maxAttempts);
    }
  }

  /** How long to wait after the {@code attempts}-th failed attempt (1 for the first). */
  public Duration after(int attempts) {
    Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
    return wait.compareTo(cap) > 0 ? cap : wait;
  }

  public boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }
}
