package io.calisera.api.audit;

import io.calisera.api.common.Require;

/**
 * Every event of a booking, oldest first: answered with {@link BookingAuditEvents} from the audit
 * read model ({@link #READ_MODEL}).
 */
public record FindBookingAuditEventsQuery(String bookingId) {

  /**
   * The read model of the event history, kept by the query side. Changes do not wait for it (it is
   * off the booking path); an audit read waits until it has applied the event store's last token.
   */
  public static final String READ_MODEL = "audit";

  public FindBookingAuditEventsQuery {
    Require.text(bookingId, "bookingId", 100);
  }
}
