package io.calisera.command.common;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * An event-sourced repository with a cache, whose entries are trusted only where trusting them
 * cannot be wrong.
 *
 * <p>The hub routes all commands of one aggregate to one instance, so a cached aggregate is
 * normally current. When the routing moves (an instance joins or leaves) and later moves back, the
 * instance holds a state that misses what the other instance stored in between. A decision to
 * append on that state fails the event store's sequence check (the unit of work rolls back, which
 * drops the entry, and the sender's retry decides on the stored state). A refusal, though, stores
 * nothing and would be wrong (a slot reported taken although its booking was cancelled meanwhile):
 * so the aggregates a unit of work took from the cache are remembered, and {@link OutdatedRefusals}
 * asks the event store whether they were current only when the command is refused, instead of
 * asking before every command.
 */
public abstract class CurrentCachingRepository<T> extends CachingEventSourcingRepository<T> {

  private static final String FROM_CACHE = CurrentCachingRepository.class.getName() + ".fromCache";

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
    this.cache = cache;
  }

  @Override
  protected EventSourcedAggregate<T> doLoadWithLock(String aggregateId, Long expectedVersion) {
    boolean cached = cache.containsKey(aggregateId);
    EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateId, expectedVersion);
    if (cached) {
      fromCache(CurrentUnitOfWork.get()).put(aggregateId, aggregate.version());
    }
    return aggregate;
  }

  /**
   * Whether an aggregate that {@code unitOfWork} took from a cache misses events the store has;
   * drops the cache entries of those that do.
   */
  static boolean decidedOnOutdatedState(
      UnitOfWork<?> unitOfWork, EventStore eventStore, Cache cache) {
    boolean outdated = false;
    for (Map.Entry<String, Long> taken : fromCache(unitOfWork).entrySet()) {
      String aggregateId = taken.getKey();
      if (!Objects.equals(
          taken.getValue(), eventStore.lastSequenceNumberFor(aggregateId).orElse(null))) {
        cache.remove(aggregateId);
        outdated = true;
      }
    }
    return outdated;
  }

  private static Map<String, Long> fromCache(UnitOfWork<?> unitOfWork) {
    return unitOfWork.root().getOrComputeResource(FROM_CACHE, key -> new HashMap<>());
  }
}
