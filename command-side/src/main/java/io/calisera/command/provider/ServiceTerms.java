package io.calisera.command.provider;

import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.SlotSettings;

/**
 * What the calendar keeps of a service: what placing a booking needs. Name and price are for
 * display and live in the events and read models.
 */
record ServiceTerms(
    SlotSettings slots,
    int cancellationNoticeMinutes,
    boolean requiresConfirmation,
    boolean active) {

  static ServiceTerms of(ServiceDefinition definition) {
    return new ServiceTerms(
        definition.slots(),
        definition.cancellationNoticeMinutes(),
        definition.requiresConfirmation(),
        true);
  }

  ServiceTerms deactivated() {
    return new ServiceTerms(slots, cancellationNoticeMinutes, requiresConfirmation, false);
  }
}
