package io.calisera.api.provider;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import java.time.Instant;
import java.time.ZoneId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the provider's profile. A changed time zone reinterprets the weekly hours in the new
 * zone; existing bookings keep their instants. Answered with the slug after the change (a {@code
 * String}).
 *
 * @param slug a new slug, or {@code null} to keep the current one
 */
public record UpdateProviderProfileCommand(
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

  public UpdateProviderProfileCommand {
    Require.text(providerId, "providerId", 100);
    ProviderProfile.validate(displayName, slug, timeZone, bio, category, city);
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
