package io.calisera.command.config;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies the actor of an {@link ActingCommand} into the metadata of every event the command causes:
 * {@code actorId} (account id, {@code guest} or {@code system}) and {@code actorRoles} (sorted,
 * comma-separated, empty for none). The audit API shows them as each event's actor.
 */
final class ActorCorrelationDataProvider implements CorrelationDataProvider {

  static final String ACTOR_ID = "actorId";
  static final String ACTOR_ROLES = "actorRoles";

  @Override
  public Map<String, ?> correlationDataFor(Message<?> message) {
    if (!(message.getPayload() instanceof ActingCommand command)) {
      return Map.of();
    }
    Actor actor = command.actor();
    String roles = actor.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    return Map.of(ACTOR_ID, actor.accountId(), ACTOR_ROLES, roles);
  }
}
