package io.calisera.api.booking;

import io.calisera.api.provider.ServiceDefinition;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The booking moved (same id, same manage link); its old range is free again.
 *
 * @param reminderMinutes the reminders of its service when it was moved, in minutes before the new
 *     start (revision 2; absent in revision 1, which reads as the default)
 */
@Revision("2")
public record BookingRescheduledEvent(
    String providerId,
    String bookingId,
    Instant previousStart,
    Instant previousEnd,
    Instant start,
    Instant end,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    String reason,
    String by,
    Instant at,
    List<Integer> reminderMinutes)
    implements BookingEvent {

  public BookingRescheduledEvent {
    reminderMinutes = ServiceDefinition.remindersOrDefault(reminderMinutes);
  }
}
