package io.calisera.api.booking;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A client's idempotency key was spent on a booking; a repeat with the same request gets {@code
 * receipt} again, one with another request is refused.
 */
@Revision("1")
public record IdempotencyKeyUsedEvent(
    String idempotencyId,
    String scope,
    String key,
    String fingerprint,
    BookingReceipt receipt,
    String by,
    Instant at) {}
