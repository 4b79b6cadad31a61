package io.calisera.api.provider;

import io.calisera.api.common.Require;
import io.calisera.api.schedule.SlotSettings;
import java.util.HashSet;
import java.util.List;

/**
 * Everything a provider sets about a service. Changing it affects future bookings only: a booking
 * keeps the duration, buffers and cancellation notice it was made with.
 *
 * @param price informational, may be absent
 * @param cancellationNoticeMinutes customers may cancel or move until this long before the start
 * @param reminderMinutes how long before the start the customer is reminded, each in minutes;
 *     empty: no reminders; {@code null} (absent, as in events stored before services had it) reads
 *     as {@link #DEFAULT_REMINDER_MINUTES}
 */
public record ServiceDefinition(
    String name,
    SlotSettings slots,
    Money price,
    int cancellationNoticeMinutes,
    boolean requiresConfirmation,
    List<Integer> reminderMinutes) {

  public static final int MAX_CANCELLATION_NOTICE_MINUTES = 43_200;

  /** The contract's default: 24 hours and 1 hour before the start. */
  public static final List<Integer> DEFAULT_REMINDER_MINUTES = List.of(1_440, 60);

  public static final int MIN_REMINDER_MINUTES = 5;
  public static final int MAX_REMINDER_MINUTES = 43_200;
  public static final int MAX_REMINDERS = 5;

  public ServiceDefinition {
    Require.text(name, "name", 200);
    Require.notNull(slots, "slots");
    reminderMinutes = remindersOrDefault(reminderMinutes);
    if (cancellationNoticeMinutes < 0
        || cancellationNoticeMinutes > MAX_CANCELLATION_NOTICE_MINUTES) {
      throw new IllegalArgumentException(
          "cancellationNoticeMinutes must be between 0 and "
              + MAX_CANCELLATION_NOTICE_MINUTES
              + ", was "
              + cancellationNoticeMinutes);
    }
  }

  /**
   * A service's reminder offsets as given ({@code null}: the default), checked: at most {@value
   * #MAX_REMINDERS}, each from {@value #MIN_REMINDER_MINUTES} minutes to 30 days, none twice.
   * Events about bookings carry the offsets of their service through this too, so that one stored
   * without them reads as the default.
   */
  public static List<Integer> remindersOrDefault(List<Integer> given) {
    if (given == null) {
      return DEFAULT_REMINDER_MINUTES;
    }
    List<Integer> minutes = Require.noNullElements(given, "reminderMinutes");
    if (minutes.size() > MAX_REMINDERS) {
      throw new IllegalArgumentException(
          "reminderMinutes may have at most " + MAX_REMINDERS + " entries, had " + minutes.size());
    }
    for (int each : minutes) {
      if (each < MIN_REMINDER_MINUTES || each > MAX_REMINDER_MINUTES) {
        throw new IllegalArgumentException(
            "reminderMinutes must each be between "
                + MIN_REMINDER_MINUTES
                + " and "
                + MAX_REMINDER_MINUTES
                + ", was "
                + each);
      }
    }
    if (new HashSet<>(minutes).size() != minutes.size()) {
      throw new IllegalArgumentException(
          "reminderMinutes must not name the same time twice, was " + minutes);
    }
    return minutes;
  }
}
