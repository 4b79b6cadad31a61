package io.calisera.api.provider;

import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.WeeklyHours;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ScheduleReplacedEvent(
    String providerId,
    List<WeeklyHours> weekly,
    List<DateOverride> overrides,
    String by,
    Instant at) {}
