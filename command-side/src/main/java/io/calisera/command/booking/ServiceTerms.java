package io.calisera.command.booking;

import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.SlotSettings;
import java.util.List;

/**
 * What the calendar keeps of a service: what placing a booking needs. Name and price are for
 * display and live in the events and read models. The provider keeps one per service and hands them
 * to its {@link Calendar}.
 *
 * @param reminderMinutes recorded on each booking placed or moved (the reminders in force then);
 *     {@code null} in a snapshot taken before services had them, which reads as the default
 */
public record ServiceTerms(
    SlotSettings slots,
    int cancellationNoticeMinutes,
    boolean requiresConfirmation,
    boolean active,
    List<Integer> reminderMinutes) {

  public ServiceTerms {
    reminderMinutes = ServiceDefinition.remindersOrDefault(reminderMinutes);
  }

  public static ServiceTerms of(ServiceDefinition definition) {
    return new ServiceTerms(
        definition.slots(),
        definition.cancellationNoticeMinutes(),
        definition.requiresConfirmation(),
        true,
        definition.reminderMinutes());
  }

  public ServiceTerms deactivated() {
    return new ServiceTerms(
        slots, cancellationNoticeMinutes, requiresConfirmation, false, reminderMinutes);
  }
}
