package io.calisera.api.audit;

import io.calisera.api.common.Require;
import java.time.Instant;

/**
 * Every event of a provider's stream (the provider, its services, schedule and bookings) stored in
 * {@code [from, to)}, oldest first, one page: answered with an {@link AuditEventPage}, or {@code
 * null} for a provider that does not exist.
 *
 * @param page zero-based
 */
public record FindProviderAuditEventsQuery(
    String providerId, Instant from, Instant to, int page, int size) {

  public FindProviderAuditEventsQuery {
    Require.text(providerId, "providerId", 100);
    Require.notNull(from, "from");
    Require.notNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from");
    }
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, was " + page);
    }
    if (size < 1 || size > AuditEventPage.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + AuditEventPage.MAX_PAGE_SIZE + ", was " + size);
    }
  }
}
