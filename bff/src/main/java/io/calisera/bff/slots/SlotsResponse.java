package io.calisera.bff.slots;

import io.calisera.api.schedule.AvailableSlots;
import io.calisera.bff.web.WireFormats;
import java.time.ZoneId;
import java.util.List;

/**
 * The body of the slot query's answer (also each event of its stream and the preview of hours):
 * each start and end written with the zone's offset at that instant.
 */
public record SlotsResponse(
    String providerId, String serviceId, String timeZone, List<SlotsResponse.SlotResponse> slots) {

  public record SlotResponse(String start, String end) {}

  public static SlotsResponse of(AvailableSlots found) {
    ZoneId zone = found.timeZone();
    return new SlotsResponse(
        found.providerId(),
        found.serviceId(),
        zone.getId(),
        found.slots().stream()
            .map(
                slot ->
                    new SlotResponse(
                        WireFormats.instant(slot.start(), zone),
                        WireFormats.instant(slot.end(), zone)))
            .toList());
  }
}
