package io.calisera.query.slots;

import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pushes recomputed {@link io.calisera.api.schedule.AvailableSlots} to the subscribers of {@link
 * FindAvailableSlotsQuery} whose provider (and service, and range) a change touches. Changes are
 * collected per batch of events and published after the processor has stored its progress, each
 * affected subscription getting the answer to its query once.
 */
@Component
public class SlotUpdates {

  private static final Logger log = LoggerFactory.getLogger(SlotUpdates.class);
  private static final String PENDING = SlotUpdates.class.getName() + ".pending";

  /**
   * Something that shapes a provider's slots changed: for one service or all ({@code serviceId}
   * null), within {@code [from, until)} or everywhere ({@code from} null).
   */
  record Change(String providerId, String serviceId, Instant from, Instant until) {

    static Change everywhere(String providerId, String serviceId) {
      return new Change(providerId, serviceId, null, null);
    }

    boolean affects(FindAvailableSlotsQuery query) {
      if (!providerId.equals(query.providerId())
          || (serviceId != null && !serviceId.equals(query.serviceId()))) {
        return false;
      }
      if (from == null) {
        return true;
      }
      // the query's dates in any zone, widened by how far a booking can reach into them
      Instant queryFrom = atUtcStart(query.from().minusDays(2));
      Instant queryUntil = atUtcStart(query.to().plusDays(3));
      return from.isBefore(queryUntil) && queryFrom.isBefore(until);
    }

    private static Instant atUtcStart(LocalDate date) {
      return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
  }

  private final QueryUpdateEmitter emitter;
  private final SlotQueries queries;

  public SlotUpdates(QueryUpdateEmitter emitter, SlotQueries queries) {
    this.emitter = emitter;
    this.queries = queries;
  }

  void changed(Change change) {
    if (!CurrentUnitOfWork.isStarted()) {
      publish(List.of(change));
      return;
    }
    UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
    List<Change> pending =
        unitOfWork.getOrComputeResource(
            PENDING,
            key -> {
              List<Change> changes = new ArrayList<>();
              unitOfWork.afterCommit(committed -> publish(changes));
              return changes;
            });
    pending.add(change);
  }

  /**
   * Recomputes each affected query once, however many subscribe to it (a booking page open in many
   * browsers asks the same), and emits the answer to all of them in one pass.
   */
  private void publish(List<Change> changes) {
    Set<FindAvailableSlotsQuery> affected = new LinkedHashSet<>();
    for (SubscriptionQueryMessage<?, ?, ?> subscription : emitter.activeSubscriptions()) {
      if (subscription.getPayload() instanceof FindAvailableSlotsQuery query
          && changes.stream().anyMatch(change -> change.affects(query))) {
        affected.add(query);
      }
    }
    for (FindAvailableSlotsQuery query : affected) {
      AvailableSlots update;
      try {
        update = queries.availableSlots(query);
      } catch (RuntimeException e) {
        log.debug("No slot update for {}: {}", query, e.getMessage());
        continue;
      }
      emitter.<AvailableSlots>emit(message -> query.equals(message.getPayload()), update);
    }
  }
}
