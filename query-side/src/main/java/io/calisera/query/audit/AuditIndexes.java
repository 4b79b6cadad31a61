package io.calisera.query.audit;

import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How the audit finds events without scanning: documents read by their id only (the embedded
 * MongoDB, mongo-java-server, uses no index but the unique ones, so any other query reads the whole
 * collection). A provider's stream is its events by sequence ({@link AuditEventDocument#id}) and
 * how far it goes; a booking lists the sequences of its events.
 */
final class AuditIndexes {

  private AuditIndexes() {}

  /**
   * How far a provider's stream has been applied.
   *
   * @param lastSequence the sequence of its last event applied
   * @param latest the latest timestamp up to it
   */
  @Document("audit_providers")
  record ProviderStream(
      @Id String providerId, String ownerAccountId, long lastSequence, java.time.Instant latest) {}

  /** The sequences of a booking's events in its provider's stream, in order. */
  @Document("audit_bookings")
  record BookingEvents(@Id String bookingId, String providerId, List<Long> sequences) {

    BookingEvents {
      sequences = List.copyOf(sequences);
    }
  }
}
