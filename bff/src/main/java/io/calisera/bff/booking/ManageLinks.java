package io.calisera.bff.booking;

import io.calisera.api.booking.FindManageLinkQuery;
import io.calisera.api.booking.ManageLink;
import io.calisera.bff.web.Links;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Hands out a booking's manage link to the services that tell its customer about it (the
 * notification saga's emails), through the hub: the link is computed here, where the capability's
 * secret lives, so the secret never leaves the bff and no event carries it (decision 0008). The hub
 * lets only applications with {@code ask-queries} ask, which {@code hub-rights} gives the bff and
 * the notification saga alone.
 */
@Component
class ManageLinks {

  private final BookingCapabilities capabilities;
  private final Links links;

  ManageLinks(BookingCapabilities capabilities, Links links) {
    this.capabilities = capabilities;
    this.links = links;
  }

  @QueryHandler
  ManageLink find(FindManageLinkQuery query) {
    return new ManageLink(
        query.bookingId(), links.manageUrl(capabilities.issue(query.bookingId())));
  }
}
