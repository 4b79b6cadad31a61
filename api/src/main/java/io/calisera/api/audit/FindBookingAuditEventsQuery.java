package io.calisera.api.audit;

import io.calisera.api.common.Require;

/**
 * Every event of a booking, oldest first: answered with {@link BookingAuditEvents} from the audit
 * read model ({@link #READ_MODEL}).
 */
public record FindBookingAuditEventsQuery(String bookingId) {

  /** The read model of the event history, kept by the query side. */
  public static final String READ_MODEL = "audit";

  public FindBookingAuditEventsQuery {
    Require.text(bookingId, "bookingId", 100);
  }
}
