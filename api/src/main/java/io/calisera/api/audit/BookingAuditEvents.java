package io.calisera.api.audit;

import java.util.List;

/** Every event of one booking, oldest first; empty for a booking that does not exist. */
public record BookingAuditEvents(String bookingId, List<AuditEntry> events) {

  public BookingAuditEvents {
    events = List.copyOf(events);
  }
}
