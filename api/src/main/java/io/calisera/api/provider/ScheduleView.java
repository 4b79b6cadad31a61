package io.calisera.api.provider;

import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.WeeklyHours;
import java.time.ZoneId;
import java.util.List;

/**
 * The schedule as stored, with the provider's time zone that gives its wall-clock times meaning.
 */
public record ScheduleView(
    String providerId, ZoneId timeZone, List<WeeklyHours> weekly, List<DateOverride> overrides) {}
