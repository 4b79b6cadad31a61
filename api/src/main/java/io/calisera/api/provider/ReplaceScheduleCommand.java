package io.calisera.api.provider;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.Schedule;
import io.calisera.api.schedule.WeeklyHours;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the provider's weekly hours and date overrides, wall-clock times in the provider's time
 * zone (which the profile holds, so a zone change reinterprets them).
 */
public record ReplaceScheduleCommand(
    @TargetAggregateIdentifier String providerId,
    List<WeeklyHours> weekly,
    List<DateOverride> overrides,
    Actor actor,
    Instant at)
    implements ActingCommand {

  public ReplaceScheduleCommand {
    Require.text(providerId, "providerId", 100);
    // the same rules as a schedule in any zone: no overlaps within a day, one override per date
    Schedule validated = new Schedule(ZoneOffset.UTC, weekly, overrides);
    weekly = validated.weekly();
    overrides = validated.overrides();
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
