package io.calisera.api.booking;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelBookingCommand(
    @TargetAggregateIdentifier String providerId,
    String bookingId,
    String reason,
    Actor actor,
    Instant at)
    implements ActingCommand {

  public CancelBookingCommand {
    Require.text(providerId, "providerId", 100);
    Require.text(bookingId, "bookingId", 100);
    Require.optionalText(reason, "reason", 1000);
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
