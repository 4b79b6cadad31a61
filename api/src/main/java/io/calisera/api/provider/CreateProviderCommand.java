package io.calisera.api.provider;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import java.time.Instant;
import java.time.ZoneId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a provider owned by the actor, who gains the {@code PROVIDER} role. Answered with the
 * provider's slug (a {@code String}), which the sender cannot know when it named none.
 *
 * @param slug the requested slug; {@code null} derives one from the display name (a free variant)
 */
public record CreateProviderCommand(
    @TargetAggregateIdentifier String providerId,
    String displayName,
    String slug,
    ZoneId timeZone,
    String bio,
    String category,
    String city,
    Actor actor,
    Instant at)
    implements ActingCommand {

  public CreateProviderCommand {
    Require.text(providerId, "providerId", 100);
    ProviderProfile.validate(displayName, slug, timeZone, bio, category, city);
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
