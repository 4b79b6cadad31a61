package io.calisera.api.schedule;

import java.time.ZoneId;
import java.util.List;

/** The answer to {@link FindAvailableSlotsQuery}; {@code timeZone} is the zone the range was in. */
public record AvailableSlots(
    String providerId, String serviceId, ZoneId timeZone, List<Slot> slots) {}
