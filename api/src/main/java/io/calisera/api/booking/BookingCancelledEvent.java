package io.calisera.api.booking;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record BookingCancelledEvent(
    String providerId, String bookingId, String reason, String by, Instant at)
    implements BookingEvent {}
