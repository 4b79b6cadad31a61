package io.calisera.service;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the trace id a message carries into the logging context while it is handled, so that the log
 * lines of its handling name the HTTP request behind it: the bff puts the W3C trace id of each
 * request in its commands' metadata under Axon's trace key, the command side's {@code
 * MessageOriginProvider} copies it onto the events they cause, and from there onto whatever a
 * handler of those events sends. Every service registers it on its command bus, query bus and event
 * processors ({@link AxonServiceAutoConfiguration}) and writes it as {@code %X{traceId}}.
 */
public final class TraceInLogs implements MessageHandlerInterceptor<Message<?>> {

  /** Axon's metadata key of the trace id, and the logging context's. */
  public static final String TRACE_ID = "traceId";

  @Override
  public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain)
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
