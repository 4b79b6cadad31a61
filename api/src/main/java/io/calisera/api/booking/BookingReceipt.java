package io.calisera.api.booking;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The answer to a placed booking, the same again for a repeated request with the same idempotency
 * key ({@code repeated} tells which).
 *
 * @param customerTimeZone the zone the booking's customer reads its times in (their own, or the
 *     provider's when they named none); {@code null} only in receipts stored before it was recorded
 *     (idempotency keys spent before 2026-12-07)
 */
public record BookingReceipt(
    String bookingId,
    String providerId,
    String serviceId,
    BookingStatus status,
    Instant start,
    Instant end,
    ZoneId customerTimeZone,
    boolean repeated) {}
