package io.calisera.command.booking;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.Idempotency;
import io.calisera.api.booking.IdempotencyKeyUsedEvent;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import java.time.Instant;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A client's idempotency key, spent on one booking. Created in the same unit of work (one atomic
 * append) as the booking it answers, so a key is spent exactly when its booking exists; two
 * concurrent first uses of one key cannot both be stored (the event store's sequence check).
 */
@Aggregate
class IdempotencyRecord {

  @AggregateIdentifier private String idempotencyId;
  private String fingerprint;
  private BookingReceipt receipt;

  IdempotencyRecord() {}

  IdempotencyRecord(
      String idempotencyId,
      Idempotency idempotency,
      BookingReceipt receipt,
      String by,
      Instant at) {
    apply(
        new IdempotencyKeyUsedEvent(
            idempotencyId,
            idempotency.scope(),
            idempotency.key(),
            idempotency.fingerprint(),
            receipt,
            by,
            at));
  }

  /** The first answer again, for the same request; another request is refused. */
  BookingReceipt answerTo(Idempotency idempotency) {
    if (!fingerprint.equals(idempotency.fingerprint())) {
      throw RefusedException.of(
          RefusalCode.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was already used for another request");
    }
    return new BookingReceipt(
        receipt.bookingId(),
        receipt.providerId(),
        receipt.serviceId(),
        receipt.status(),
        receipt.start(),
        receipt.end(),
        receipt.customerTimeZone(),
        true);
  }

  @EventSourcingHandler
  void on(IdempotencyKeyUsedEvent event) {
    idempotencyId = event.idempotencyId();
    fingerprint = event.fingerprint();
    receipt = event.receipt();
  }
}
