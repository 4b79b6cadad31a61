package io.calisera.bff.ratelimit;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/**
 * How many requests a client address may send per period, written {@code <requests>/<period>} (e.g.
 * {@code 20/1h}, {@code 60/1m}; periods as {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}),
 * or {@code off} for no limit. A client may send all its requests at once and then one more each
 * {@code period / requests} (a token bucket that holds {@code requests} and refills them evenly
 * over {@code period}).
 */
public record Rate(long requests, Duration per) {

  public static final Rate OFF = new Rate(0, Duration.ZERO);

  public Rate {
    if (requests < 0 || per == null || per.isNegative() || (requests > 0 && per.isZero())) {
      throw new IllegalArgumentException("a rate is <requests>/<period> with a positive period");
    }
  }

  /** Reads a setting's value; Spring binds the settings with it. */
  public static Rate valueOf(String text) {
    String value = text == null ? "" : text.trim();
    if (value.equalsIgnoreCase("off")) {
      return OFF;
    }
    int slash = value.indexOf('/');
    try {
      if (slash > 0) {
        long requests = Long.parseLong(value.substring(0, slash).trim());
        Duration per = DurationStyle.SIMPLE.parse(value.substring(slash + 1).trim());
        if (requests > 0 && !per.isNegative() && !per.isZero()) {
          return new Rate(requests, per);
        }
      }
    } catch (IllegalArgumentException malformed) {
      // said below, with the value
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a rate: write <requests>/<period> (e.g. 20/1h, 60/1m) or off");
  }

  public boolean isOff() {
    return requests == 0;
  }

  @Override
  public String toString() {
    return isOff() ? "off" : requests + "/" + per;
  }
}
