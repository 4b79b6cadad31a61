package io.calisera.api.booking;

import java.time.Instant;

/**
 * The answer to a placed booking, the same again for a repeated request with the same idempotency
 * key ({@code repeated} tells which).
 */
public record BookingReceipt(
    String bookingId,
    String providerId,
    String serviceId,
    BookingStatus status,
    Instant start,
    Instant end,
    boolean repeated) {}
