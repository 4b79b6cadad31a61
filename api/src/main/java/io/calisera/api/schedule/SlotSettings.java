package io.calisera.api.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a service that shape its slots, with the "Service limits" of docs/api.md. Field
 * names are the wire names. Use {@link #withDefaults} for the contract's defaults.
 */
public record SlotSettings(
    int durationMinutes,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    int slotIntervalMinutes,
    int minimumNoticeMinutes,
    int maxDaysInAdvance) {

  public static final int MIN_DURATION_MINUTES = 5;
  public static final int MAX_DURATION_MINUTES = 720;
  public static final int MAX_BUFFER_MINUTES = 240;
  public static final int MIN_SLOT_INTERVAL_MINUTES = 5;
  public static final int MAX_SLOT_INTERVAL_MINUTES = 720;
  public static final int MAX_MINIMUM_NOTICE_MINUTES = 43_200;
  public static final int MIN_DAYS_IN_ADVANCE = 1;
  public static final int MAX_DAYS_IN_ADVANCE = 730;

  public static final int DEFAULT_BUFFER_MINUTES = 0;
  public static final int DEFAULT_MINIMUM_NOTICE_MINUTES = 0;
  public static final int DEFAULT_MAX_DAYS_IN_ADVANCE = 60;

  public SlotSettings {
    List<Violation> violations = new ArrayList<>();
    within(
        violations, "durationMinutes", durationMinutes, MIN_DURATION_MINUTES, MAX_DURATION_MINUTES);
    within(violations, "bufferBeforeMinutes", bufferBeforeMinutes, 0, MAX_BUFFER_MINUTES);
    within(violations, "bufferAfterMinutes", bufferAfterMinutes, 0, MAX_BUFFER_MINUTES);
    within(
        violations,
        "slotIntervalMinutes",
        slotIntervalMinutes,
        MIN_SLOT_INTERVAL_MINUTES,
        MAX_SLOT_INTERVAL_MINUTES);
    within(violations, "minimumNoticeMinutes", minimumNoticeMinutes, 0, MAX_MINIMUM_NOTICE_MINUTES);
    within(
        violations, "maxDaysInAdvance", maxDaysInAdvance, MIN_DAYS_IN_ADVANCE, MAX_DAYS_IN_ADVANCE);
    if (!violations.isEmpty()) {
      throw new InvalidSlotSettingsException(violations);
    }
  }

  /** A service of {@code durationMinutes} with every other setting at its default. */
  public static SlotSettings withDefaults(int durationMinutes) {
    return withDefaults(durationMinutes, null, null, null, null, null);
  }

  /**
   * The settings of a request where the optional fields may be absent ({@code null}): no buffers, a
   * slot interval equal to the duration, no minimum notice, {@value #DEFAULT_MAX_DAYS_IN_ADVANCE}
   * days in advance.
   */
  public static SlotSettings withDefaults(
      int durationMinutes,
      Integer bufferBeforeMinutes,
      Integer bufferAfterMinutes,
      Integer slotIntervalMinutes,
      Integer minimumNoticeMinutes,
      Integer maxDaysInAdvance) {
    return new SlotSettings(
        durationMinutes,
        orDefault(bufferBeforeMinutes, DEFAULT_BUFFER_MINUTES),
        orDefault(bufferAfterMinutes, DEFAULT_BUFFER_MINUTES),
        orDefault(slotIntervalMinutes, durationMinutes),
        orDefault(minimumNoticeMinutes, DEFAULT_MINIMUM_NOTICE_MINUTES),
        orDefault(maxDaysInAdvance, DEFAULT_MAX_DAYS_IN_ADVANCE));
  }

  public SlotSettings withBuffers(int beforeMinutes, int afterMinutes) {
    return new SlotSettings(
        durationMinutes,
        beforeMinutes,
        afterMinutes,
        slotIntervalMinutes,
        minimumNoticeMinutes,
        maxDaysInAdvance);
  }

  public SlotSettings withSlotInterval(int minutes) {
    return new SlotSettings(
        durationMinutes,
        bufferBeforeMinutes,
        bufferAfterMinutes,
        minutes,
        minimumNoticeMinutes,
        maxDaysInAdvance);
  }

  public SlotSettings withMinimumNotice(int minutes) {
    return new SlotSettings(
        durationMinutes,
        bufferBeforeMinutes,
        bufferAfterMinutes,
        slotIntervalMinutes,
        minutes,
        maxDaysInAdvance);
  }

  public SlotSettings withMaxDaysInAdvance(int days) {
    return new SlotSettings(
        durationMinutes,
        bufferBeforeMinutes,
        bufferAfterMinutes,
        slotIntervalMinutes,
        minimumNoticeMinutes,
        days);
  }

  public Duration duration() {
    return Duration.ofMinutes(durationMinutes);
  }

  public Duration bufferBefore() {
    return Duration.ofMinutes(bufferBeforeMinutes);
  }

  public Duration bufferAfter() {
    return Duration.ofMinutes(bufferAfterMinutes);
  }

  public Duration slotInterval() {
    return Duration.ofMinutes(slotIntervalMinutes);
  }

  public Duration minimumNotice() {
    return Duration.ofMinutes(minimumNoticeMinutes);
  }

  private static int orDefault(Integer value, int defaultValue) {
    return value == null ? defaultValue : value;
  }

  private static void within(
      List<Violation> violations, String field, int value, int min, int max) {
    if (value < min || value > max) {
      violations.add(
          new Violation(
              field, field + " must be between " + min + " and " + max + ", was " + value));
    }
  }
}
