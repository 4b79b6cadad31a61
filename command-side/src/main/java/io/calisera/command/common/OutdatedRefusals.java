package io.calisera.command.common;

import io.calisera.api.common.RefusedException;
import io.calisera.api.common.SequenceConflict;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A refusal decided on a cached aggregate that missed events of the store is not answered: the
 * command fails as a lost race ({@link SequenceConflict}) instead, so that the sender sends it once
 * more and the aggregate, loaded from the store this time, decides again (see {@link
 * CurrentCachingRepository}). Costs a question to the event store on refusals only.
 */
public final class OutdatedRefusals implements MessageHandlerInterceptor<CommandMessage<?>> {

  private final EventStore eventStore;
  private final Cache cache;

  public OutdatedRefusals(EventStore eventStore, Cache cache) {
    this.eventStore = eventStore;
    this.cache = cache;
  }

  @Override
  public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
      throws Exception {
    try {
      return chain.proceed();
    } catch (RefusedException refused) {
      if (CurrentCachingRepository.decidedOnOutdatedState(unitOfWork, eventStore, cache)) {
        throw new SequenceConflict("refused on an outdated state: " + refused.getMessage())
            .asException(refused);
      }
      throw refused;
    }
  }
}
