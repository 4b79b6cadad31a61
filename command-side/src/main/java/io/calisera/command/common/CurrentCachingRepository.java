package io.calisera.command.common;

import java.util.Objects;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * An event-sourced repository with a cache whose entries are used only while they are current.
 *
 * <p>The hub routes all commands of one aggregate to one instance, so a cached aggregate is
 * normally current. When the routing moves (an instance joins or leaves) and later moves back, the
 * instance holds a state that misses what the other instance stored in between. A decision to
 * append on that state fails the hub's sequence check, but a refusal stores nothing and would be
 * wrong (a slot reported taken although its booking was cancelled meanwhile). So before a cached
 * aggregate is used, the event store is asked for the aggregate's highest sequence number (one
 * round trip, far cheaper than loading a snapshot and its events); when the cache is behind, the
 * entry is dropped and the aggregate is loaded from the store. What is stored after that question
 * is caught by the sequence check of the append.
 */
public abstract class CurrentCachingRepository<T> extends CachingEventSourcingRepository<T> {

  private final EventStore eventStore;
  private final Cache cache;

  protected CurrentCachingRepository(
      Class<T> aggregateType,
      EventStore eventStore,
      Cache cache,
      SnapshotTriggerDefinition snapshotTrigger) {
    super(
        EventSourcingRepository.builder(aggregateType)
            .eventStore(eventStore)
            .cache(cache)
            .snapshotTriggerDefinition(snapshotTrigger));
    this.eventStore = eventStore;
    this.cache = cache;
  }

  @Override
  protected EventSourcedAggregate<T> doLoadWithLock(String aggregateId, Long expectedVersion) {
    boolean cached = cache.containsKey(aggregateId);
    EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateId, expectedVersion);
    if (cached
        && !Objects.equals(
            aggregate.version(), eventStore.lastSequenceNumberFor(aggregateId).orElse(null))) {
      cache.remove(aggregateId);
      aggregate = super.doLoadWithLock(aggregateId, expectedVersion); // from the event store
    }
    return aggregate;
  }
}
