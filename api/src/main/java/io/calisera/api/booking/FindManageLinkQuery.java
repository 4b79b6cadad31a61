package io.calisera.api.booking;

import io.calisera.api.common.Require;

/**
 * The manage link of a booking, for its customer's messages; answered with a {@link ManageLink} by
 * whoever issues the links (the bff), so that the secret behind the link never leaves it and never
 * goes into an event.
 */
public record FindManageLinkQuery(String bookingId) {

  public FindManageLinkQuery {
    Require.text(bookingId, "bookingId", 100);
  }
}
