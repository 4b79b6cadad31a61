package io.calisera.api.booking;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The booking moved (same id, same manage link); its old range is free again. */
@Revision("1")
public record BookingRescheduledEvent(
    String providerId,
    String bookingId,
    Instant previousStart,
    Instant previousEnd,
    Instant start,
    Instant end,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    String reason,
    String by,
    Instant at) {}
