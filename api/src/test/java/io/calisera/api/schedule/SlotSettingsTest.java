package io.calisera.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The "Service limits" of docs/api.md, and the defaults. */
class SlotSettingsTest {

  @Test
  void defaultsFollowTheContract() {
    assertThat(SlotSettings.withDefaults(45)).isEqualTo(new SlotSettings(45, 0, 0, 45, 0, 60));
    assertThat(SlotSettings.withDefaults(45, null, 10, null, null, 7))
        .isEqualTo(new SlotSettings(45, 0, 10, 45, 0, 7));
    assertThat(SlotSettings.withDefaults(45).duration()).isEqualTo(Duration.ofMinutes(45));
  }

  @ParameterizedTest
  @CsvSource({
    "durationMinutes, 4, 5, 720, 721",
    "bufferBeforeMinutes, -1, 0, 240, 241",
    "bufferAfterMinutes, -1, 0, 240, 241",
    "slotIntervalMinutes, 4, 5, 720, 721",
    "minimumNoticeMinutes, -1, 0, 43200, 43201",
    "maxDaysInAdvance, 0, 1, 730, 731",
  })
  void eachSettingIsAcceptedUpToItsLimitsAndRejectedBeyond(
      String field, int tooLow, int lowest, int highest, int tooHigh) {
    assertThatCode(() -> settingsWith(field, lowest)).doesNotThrowAnyException();
    assertThatCode(() -> settingsWith(field, highest)).doesNotThrowAnyException();
    assertThatThrownBy(() -> settingsWith(field, tooLow))
        .isInstanceOf(InvalidSlotSettingsException.class)
        .hasMessage(field + " must be between " + lowest + " and " + highest + ", was " + tooLow);
    assertThatThrownBy(() -> settingsWith(field, tooHigh))
        .isInstanceOf(InvalidSlotSettingsException.class)
        .hasMessage(field + " must be between " + lowest + " and " + highest + ", was " + tooHigh);
  }

  @Test
  void everyOutOfLimitSettingIsReportedAtOnce() {
    InvalidSlotSettingsException rejection =
        catchThrowableOfType(
            InvalidSlotSettingsException.class, () -> new SlotSettings(0, -1, 0, 721, 0, 60));

    assertThat(rejection.violations())
        .extracting(Violation::field)
        .containsExactly("durationMinutes", "bufferBeforeMinutes", "slotIntervalMinutes");
  }

  private static SlotSettings settingsWith(String field, int value) {
    SlotSettings base = SlotSettings.withDefaults(30);
    return switch (field) {
      case "durationMinutes" -> new SlotSettings(value, 0, 0, 30, 0, 60);
      case "bufferBeforeMinutes" -> base.withBuffers(value, 0);
      case "bufferAfterMinutes" -> base.withBuffers(0, value);
      case "slotIntervalMinutes" -> base.withSlotInterval(value);
      case "minimumNoticeMinutes" -> base.withMinimumNotice(value);
      case "maxDaysInAdvance" -> base.withMaxDaysInAdvance(value);
      default -> throw new IllegalArgumentException(field);
    };
  }
}
