package io.calisera.bff.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a rate is written in the settings. */
class RateTest {

  @Test
  void aRateIsRequestsPerPeriodOrOff() {
    assertThat(Rate.valueOf("20/1h")).isEqualTo(new Rate(20, Duration.ofHours(1)));
    assertThat(Rate.valueOf(" 60 / 1m ")).isEqualTo(new Rate(60, Duration.ofMinutes(1)));
    assertThat(Rate.valueOf("5/500ms")).isEqualTo(new Rate(5, Duration.ofMillis(500)));
    assertThat(Rate.valueOf("OFF").isOff()).isTrue();
    assertThat(Rate.valueOf("20/1h")).hasToString("20/PT1H");
  }

  @Test
  void anythingElseIsRefusedNamingTheValue() {
    for (String wrong :
        new String[] {"", "20", "20/", "/1m", "0/1m", "-1/1m", "5/0s", "x/1m", "5/x"}) {
      assertThatIllegalArgumentException()
          .as(wrong)
          .isThrownBy(() -> Rate.valueOf(wrong))
          .withMessageContaining("'" + wrong + "' is not a rate");
    }
  }
}
