package io.calisera.bff.slots;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The live slots streams ({@code calisera.live-slots.*}; {@code application.yml} names the
 * environment variable of each).
 *
 * @param keepAlive how often an open stream gets a comment line, so that proxies keep it open and
 *     the bff learns of clients that left (a servlet container tells of a gone client only when a
 *     write to it fails)
 * @param maxStreams how many streams this bff keeps open at most; one more is 503
 */
@ConfigurationProperties("calisera.live-slots")
public record LiveSlotsSettings(Duration keepAlive, Integer maxStreams) {

  public LiveSlotsSettings {
    keepAlive = keepAlive == null ? Duration.ofSeconds(20) : keepAlive;
    maxStreams = maxStreams == null ? 5_000 : maxStreams;
    if (keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException(
          "calisera.live-slots.keep-alive (CALISERA_LIVE_SLOTS_KEEP_ALIVE) must be positive");
    }
    if (maxStreams < 0) {
      throw new IllegalArgumentException(
          "calisera.live-slots.max-streams (CALISERA_LIVE_SLOTS_MAX_STREAMS) must not be negative");
    }
  }
}
