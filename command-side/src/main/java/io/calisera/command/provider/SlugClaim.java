package io.calisera.command.provider;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.calisera.api.provider.SlugClaimedEvent;
import io.calisera.api.provider.SlugReleasedEvent;
import java.time.Instant;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One slug, and the provider that holds it. Slugs are unique platform-wide because each is its own
 * aggregate: two providers claiming one slug at once both append to this stream, and the event
 * store's sequence check lets only one of them succeed.
 */
@Aggregate
class SlugClaim {

  /**
   * Every aggregate shares one id space in the event store, and a slug may look exactly like a
   * provider's id (a UUID matches {@code [a-z0-9-]{3,40}}), so claims live under a prefix.
   */
  private static final String ID_PREFIX = "slug:";

  @AggregateIdentifier private String claimId;

  /** The holder; {@code null} once released. */
  private String providerId;

  SlugClaim() {}

  SlugClaim(String slug, String providerId, String by, Instant at) {
    apply(new SlugClaimedEvent(slug, providerId, by, at));
  }

  static String idOf(String slug) {
    return ID_PREFIX + slug;
  }

  boolean isHeldByAnotherThan(String candidate) {
    return providerId != null && !providerId.equals(candidate);
  }

  /** Claims a free slug; claiming one's own slug again stores nothing. */
  void claim(String slug, String claimant, String by, Instant at) {
    if (isHeldByAnotherThan(claimant)) {
      throw new IllegalStateException("claim " + slug + " only when free; check first");
    }
    if (providerId == null) {
      apply(new SlugClaimedEvent(slug, claimant, by, at));
    }
  }

  void release(String slug, String holder, String by, Instant at) {
    if (holder.equals(providerId)) {
      apply(new SlugReleasedEvent(slug, holder, by, at));
    }
  }

  @EventSourcingHandler
  void on(SlugClaimedEvent event) {
    claimId = idOf(event.slug());
    providerId = event.providerId();
  }

  @EventSourcingHandler
  void on(SlugReleasedEvent event) {
    providerId = null;
  }
}
