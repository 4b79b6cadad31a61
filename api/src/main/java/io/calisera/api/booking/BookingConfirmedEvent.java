package io.calisera.api.booking;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record BookingConfirmedEvent(String providerId, String bookingId, String by, Instant at)
    implements BookingEvent {}
