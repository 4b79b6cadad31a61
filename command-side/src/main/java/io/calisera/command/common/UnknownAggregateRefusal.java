package io.calisera.command.common;

import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * A command for a provider or account that does not exist fails while its aggregate is loaded,
 * before any handler can refuse it; this turns that failure into the business refusal {@code
 * NOT_FOUND} that the sender understands.
 */
public final class UnknownAggregateRefusal implements MessageHandlerInterceptor<CommandMessage<?>> {

  @Override
  public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
      throws Exception {
    try {
      return chain.proceed();
    } catch (AggregateNotFoundException e) {
      throw RefusedException.of(
          RefusalCode.NOT_FOUND, e.getAggregateIdentifier() + " does not exist");
    }
  }
}
