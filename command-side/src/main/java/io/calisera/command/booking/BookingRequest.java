package io.calisera.command.booking;

import io.calisera.api.booking.BookingState;
import io.calisera.api.common.Actor;
import io.calisera.command.common.Authority;
import java.time.Instant;

/**
 * A command about an existing booking, as the {@link BookingRule}s see it.
 *
 * @param at the business time of the command
 * @param ownerAccountId the owner of the booking's provider
 */
record BookingRequest(Actor actor, Instant at, BookingState booking, String ownerAccountId) {

  /** The provider's owner, or someone acting with the owner's authority. */
  boolean byOwner() {
    return Authority.actsAsOwner(actor, ownerAccountId);
  }

  /**
   * The booking's customer: their account, or a guest (the bff has checked the guest's capability
   * for this booking).
   */
  boolean byCustomer() {
    return actor.isGuest()
        || (booking.customerAccountId() != null
            && booking.customerAccountId().equals(actor.accountId()));
  }
}
