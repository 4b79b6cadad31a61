package io.calisera.api.schedule;

import io.calisera.api.common.Require;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The bookable slots of a service whose start lies in {@code [from 00:00, to 24:00)} of the local
 * dates in {@code timeZone}; answered with {@link AvailableSlots}. Also a subscription query: its
 * updates are the recomputed {@link AvailableSlots} whenever something that shapes them changes.
 *
 * @param timeZone the zone of {@code from} and {@code to}; {@code null} means the provider's
 */
public record FindAvailableSlotsQuery(
    String providerId, String serviceId, LocalDate from, LocalDate to, ZoneId timeZone) {

  /** The most local dates one query may span. */
  public static final int MAX_DAYS = 62;

  public FindAvailableSlotsQuery {
    requireSlotQuery(providerId, serviceId, from, to);
  }

  /**
   * What every question for a service's slots must name: the provider and the service, and local
   * dates from {@code from} to {@code to}, in order, at most {@link #MAX_DAYS} of them.
   */
  static void requireSlotQuery(String providerId, String serviceId, LocalDate from, LocalDate to) {
    Require.text(providerId, "providerId", 100);
    Require.text(serviceId, "serviceId", 100);
    Require.notNull(from, "from");
    Require.notNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw new IllegalArgumentException("the range may span at most " + MAX_DAYS + " days");
    }
  }
}
