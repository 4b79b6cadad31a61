package io.calisera.api.provider;

import io.calisera.api.common.Require;
import io.calisera.api.schedule.SlotSettings;

/**
 * Everything a provider sets about a service. Changing it affects future bookings only: a booking
 * keeps the duration, buffers and cancellation notice it was made with.
 *
 * @param price informational, may be absent
 * @param cancellationNoticeMinutes customers may cancel or move until this long before the start
 */
public record ServiceDefinition(
    String name,
    SlotSettings slots,
    Money price,
    int cancellationNoticeMinutes,
    boolean requiresConfirmation) {

  public static final int MAX_CANCELLATION_NOTICE_MINUTES = 43_200;

  public ServiceDefinition {
    Require.text(name, "name", 200);
    Require.notNull(slots, "slots");
    if (cancellationNoticeMinutes < 0
        || cancellationNoticeMinutes > MAX_CANCELLATION_NOTICE_MINUTES) {
      throw new IllegalArgumentException(
          "cancellationNoticeMinutes must be between 0 and "
              + MAX_CANCELLATION_NOTICE_MINUTES
              + ", was "
              + cancellationNoticeMinutes);
    }
  }
}
