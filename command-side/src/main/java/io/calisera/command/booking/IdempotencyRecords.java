package io.calisera.command.booking;

import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.Idempotency;
import io.calisera.api.common.Actor;
import io.calisera.command.common.DomainComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Spent idempotency keys, for the command handler that places bookings: it asks for an earlier
 * answer before placing, and remembers the new answer in the same unit of work as the booking.
 */
@DomainComponent
final class IdempotencyRecords {

  private static final String ID_PREFIX = "idempotency:";

  private final Repository<IdempotencyRecord> records;

  IdempotencyRecords(Repository<IdempotencyRecord> records) {
    this.records = records;
  }

  /**
   * The aggregate id of a key. Every aggregate shares one id space in the event store, and clients
   * choose keys freely, so the id is a digest of scope and key under a prefix of its own: no key
   * can name a provider's or anyone else's stream, and no two (scope, key) pairs share an id.
   */
  static String idOf(Idempotency idempotency) {
    String scope = idempotency.scope();
    String text = scope.length() + ":" + scope + ":" + idempotency.key();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return ID_PREFIX + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The answer given to the first request with this key, marked {@code repeated}; empty when the
   * key is new. Refuses with {@code IDEMPOTENCY_KEY_REUSED} when the key was spent on another
   * request.
   */
  Optional<BookingReceipt> earlierAnswer(Idempotency idempotency) {
    try {
      return Optional.of(records.load(idOf(idempotency)).invoke(r -> r.answerTo(idempotency)));
    } catch (AggregateNotFoundException unused) {
      return Optional.empty();
    }
  }

  /** Spends the key on {@code receipt}, in the current unit of work. */
  void remember(Idempotency idempotency, BookingReceipt receipt, Actor actor, Instant at)
      throws Exception {
    records.newInstance(
        () ->
            new IdempotencyRecord(idOf(idempotency), idempotency, receipt, actor.accountId(), at));
  }
}
