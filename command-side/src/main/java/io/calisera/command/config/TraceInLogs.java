package io.calisera.command.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the trace id a command carries (the W3C trace id of the HTTP request that sent it, which the
 * bff puts in the metadata under Axon's trace key) into the logging context while the command is
 * handled, so that its log lines name the request. The events the command causes carry the same id
 * in their metadata ({@code MessageOriginProvider} copies it).
 */
final class TraceInLogs implements MessageHandlerInterceptor<CommandMessage<?>> {

  static final String TRACE_ID = "traceId";

  @Override
  public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
      throws Exception {
    Object traceId = unitOfWork.getMessage().getMetaData().get(TRACE_ID);
    if (traceId == null) {
      return chain.proceed();
    }
    String previous = MDC.get(TRACE_ID);
    MDC.put(TRACE_ID, traceId.toString());
    try {
      return chain.proceed();
    } finally {
      if (previous == null) {
        MDC.remove(TRACE_ID);
      } else {
        MDC.put(TRACE_ID, previous);
      }
    }
  }
}
