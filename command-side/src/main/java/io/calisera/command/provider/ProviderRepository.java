package io.calisera.command.provider;

import io.calisera.command.common.CurrentCachingRepository;
import io.calisera.command.common.DomainComponent;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Where providers are loaded from: their latest snapshot and the events after it, behind a cache
 * that is used only while it is current. {@link Provider}'s {@code @Aggregate} names this bean.
 */
@DomainComponent
final class ProviderRepository extends CurrentCachingRepository<Provider> {

  ProviderRepository(
      EventStore eventStore,
      Cache providerCache,
      SnapshotTriggerDefinition providerSnapshotTrigger) {
    super(Provider.class, eventStore, providerCache, providerSnapshotTrigger);
  }
}
