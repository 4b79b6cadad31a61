package io.calisera.api.booking;

import io.calisera.api.provider.ServiceDefinition;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A booking was made. It carries what the booking keeps of its service at this moment (duration as
 * {@code end}, buffers, cancellation notice), which later service changes do not alter.
 *
 * @param customer with a time zone: the customer's own, or else the provider's at placing (events
 *     stored before the command side filled it in may have none)
 * @param reminderMinutes the reminders of its service when it was placed, in minutes before the
 *     start (revision 2; absent in revision 1, which reads as the default)
 */
@Revision("2")
public record BookingPlacedEvent(
    String providerId,
    String bookingId,
    String serviceId,
    Instant start,
    Instant end,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    int cancellationNoticeMinutes,
    BookingStatus status,
    Customer customer,
    String customerAccountId,
    String notes,
    String by,
    Instant at,
    List<Integer> reminderMinutes)
    implements BookingEvent {

  public BookingPlacedEvent {
    reminderMinutes = ServiceDefinition.remindersOrDefault(reminderMinutes);
  }
}
