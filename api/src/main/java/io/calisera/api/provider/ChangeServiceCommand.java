package io.calisera.api.provider;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the service's settings; bookings already made keep theirs. */
public record ChangeServiceCommand(
    @TargetAggregateIdentifier String providerId,
    String serviceId,
    ServiceDefinition definition,
    Actor actor,
    Instant at)
    implements ActingCommand {

  public ChangeServiceCommand {
    Require.text(providerId, "providerId", 100);
    Require.text(serviceId, "serviceId", 100);
    Require.notNull(definition, "definition");
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
