package io.calisera.api.booking;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A client's idempotency key was spent on a booking; a repeat with the same request gets {@code
 * receipt} again, one with another request is refused.
 *
 * <p>Revision 2: the receipt names the customer's zone ({@link BookingReceipt#customerTimeZone()});
 * in revision 1 it is absent and reads as {@code null}.
 */
@Revision("2")
public record IdempotencyKeyUsedEvent(
    String idempotencyId,
    String scope,
    String key,
    String fingerprint,
    BookingReceipt receipt,
    String by,
    Instant at) {}
