package io.calisera.query.audit;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How the audit finds events without scanning: documents read by their id only (the embedded
 * MongoDB, mongo-java-server, uses no index but the unique ones, so any other query reads the whole
 * collection). A booking lists its events' positions; a provider lists the days (UTC) on which its
 * stream has events, with their counts; each day lists its events' positions and timestamps.
 */
final class AuditIndexes {

  private AuditIndexes() {}

  /** The positions of a booking's events, in order. */
  @Document("audit_bookings")
  record BookingEvents(@Id String bookingId, List<Long> positions) {

    BookingEvents {
      positions = List.copyOf(positions);
    }
  }

  /**
   * A provider's owner (for the actors' {@link io.calisera.api.audit.ActorKind}) and the days of
   * its stream, in order.
   */
  @Document("audit_providers")
  record ProviderDays(@Id String providerId, String ownerAccountId, List<DayCount> days) {

    ProviderDays {
      days = List.copyOf(days);
    }
  }

  /**
   * @param day an ISO date (UTC)
   */
  record DayCount(String day, int count) {}

  /** The events of a provider's stream stored on one day (UTC), in order. */
  @Document("audit_provider_days")
  record ProviderDay(@Id String id, List<Entry> entries) {

    ProviderDay {
      entries = List.copyOf(entries);
    }

    static String id(String providerId, String day) {
      return providerId + "/" + day;
    }
  }

  record Entry(long position, Instant timestamp) {}
}
