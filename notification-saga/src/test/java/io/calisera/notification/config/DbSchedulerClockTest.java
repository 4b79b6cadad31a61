package io.calisera.notification.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.notification.testing.FixtureClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** db-scheduler's clock: the business clock, which never stands still for the scheduler. */
class DbSchedulerClockTest {

  private static final Instant NOW = Instant.parse("2026-03-20T13:00:00Z");

  @Test
  void aBusinessClockThatStandsStillRunsOnInRealTimeFromWhereItStands() throws Exception {
    var clock = new SchedulingConfiguration.RunningOn(Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(clock.now()).isEqualTo(NOW);
    Thread.sleep(50);
    assertThat(clock.now()).isAfterOrEqualTo(NOW.plusMillis(50)).isBefore(NOW.plusSeconds(60));
  }

  @Test
  void aBusinessClockThatMovesIsTakenAsItIs() {
    var business = new AtomicReference<>(NOW);
    var clock = new SchedulingConfiguration.RunningOn(new FixtureClock(business::get));
    assertThat(clock.now()).isEqualTo(NOW);
    business.set(NOW.plus(Duration.ofHours(24)));
    assertThat(clock.now()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    business.set(NOW.minusSeconds(1));
    assertThat(clock.now()).as("a business clock set back").isEqualTo(NOW.minusSeconds(1));
  }
}
