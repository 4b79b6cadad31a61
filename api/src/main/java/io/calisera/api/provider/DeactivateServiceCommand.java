package io.calisera.api.provider;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** No new bookings for the service; existing bookings stay. */
public record DeactivateServiceCommand(
    @TargetAggregateIdentifier String providerId, String serviceId, Actor actor, Instant at)
    implements ActingCommand {

  public DeactivateServiceCommand {
    Require.text(providerId, "providerId", 100);
    Require.text(serviceId, "serviceId", 100);
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
