package io.calisera.api.booking;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves a live booking to another slot of the same service, atomically: the old time is freed only
 * if the move succeeds, and the booking does not block its own new time. Answered with nothing.
 */
public record RescheduleBookingCommand(
    @TargetAggregateIdentifier String providerId,
    String bookingId,
    Instant start,
    String reason,
    Actor actor,
    Instant at)
    implements ActingCommand {

  public RescheduleBookingCommand {
    Require.text(providerId, "providerId", 100);
    Require.text(bookingId, "bookingId", 100);
    Require.notNull(start, "start");
    Require.optionalText(reason, "reason", 1000);
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
