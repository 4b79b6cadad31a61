package io.calisera.command.booking;

import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.SlotSettings;

/**
 * What the calendar keeps of a service: what placing a booking needs. Name and price are for
 * display and live in the events and read models. The provider keeps one per service and hands them
 * to its {@link Calendar}.
 */
public record ServiceTerms(
    SlotSettings slots,
    int cancellationNoticeMinutes,
    boolean requiresConfirmation,
    boolean active) {

  public static ServiceTerms of(ServiceDefinition definition) {
    return new ServiceTerms(
        definition.slots(),
        definition.cancellationNoticeMinutes(),
        definition.requiresConfirmation(),
        true);
  }

  public ServiceTerms deactivated() {
    return new ServiceTerms(slots, cancellationNoticeMinutes, requiresConfirmation, false);
  }
}
