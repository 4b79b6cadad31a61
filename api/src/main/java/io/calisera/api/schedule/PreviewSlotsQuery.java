package io.calisera.api.schedule;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The bookable slots a service would have if the provider's weekly hours and date overrides were
 * these (wall-clock times in the provider's zone, as {@code ReplaceScheduleCommand} takes them),
 * with everything else as it is: the service's settings, the provider's bookings, the time now.
 * Slots whose start lies in {@code [from 00:00, to 24:00)} of the local dates in the provider's
 * zone; answered with {@link AvailableSlots} as {@link FindAvailableSlotsQuery} would be once the
 * hours were saved.
 */
public record PreviewSlotsQuery(
    String providerId,
    String serviceId,
    LocalDate from,
    LocalDate to,
    List<WeeklyHours> weekly,
    List<DateOverride> overrides) {

  public PreviewSlotsQuery {
    FindAvailableSlotsQuery.requireSlotQuery(providerId, serviceId, from, to);
    // the rules of a schedule that could be saved: no overlaps within a day, one override a date
    Schedule validated = new Schedule(ZoneOffset.UTC, weekly, overrides);
    weekly = validated.weekly();
    overrides = validated.overrides();
  }

  /** The hours previewed, in the provider's zone. */
  public Schedule schedule(ZoneId providerZone) {
    return new Schedule(providerZone, weekly, overrides);
  }
}
