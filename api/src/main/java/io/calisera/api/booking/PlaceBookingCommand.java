package io.calisera.api.booking;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Books {@code start} of a service. Succeeds exactly for a start the slot rules offer at {@code
 * at}; answered with a {@link BookingReceipt}.
 *
 * @param customer the person it is for; without a time zone of their own, the booking (its {@link
 *     BookingPlacedEvent}) gives them the provider's
 * @param customerAccountId the booking customer's account, {@code null} for a guest
 * @param idempotency the client's idempotency key, or {@code null}
 */
public record PlaceBookingCommand(
    @TargetAggregateIdentifier String providerId,
    String bookingId,
    String serviceId,
    Instant start,
    Customer customer,
    String customerAccountId,
    String notes,
    Idempotency idempotency,
    Actor actor,
    Instant at)
    implements ActingCommand {

  public PlaceBookingCommand {
    Require.text(providerId, "providerId", 100);
    Require.text(bookingId, "bookingId", 100);
    Require.text(serviceId, "serviceId", 100);
    Require.notNull(start, "start");
    Require.notNull(customer, "customer");
    Require.optionalText(notes, "notes", 2000);
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
