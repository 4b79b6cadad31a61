package io.calisera.command.config;

import io.calisera.api.common.EventsNotStored;
import io.calisera.api.common.SequenceConflict;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import java.util.Set;
import org.axonframework.axonserver.connector.event.util.GrpcExceptionParser;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command bus on which this instance handles what the hub routes to it (Axon's local segment):
 * Axon's own, except that a command whose events lost the event store's sequence check fails with a
 * {@link SequenceConflict} in its exception's details, and one whose events the store refused to
 * take (overloaded, or its transaction rolled back) with {@link EventsNotStored}, so that senders
 * tell a lost race, and "nothing stored, try again later", from other failures without reading
 * text.
 *
 * <p>Why here and nowhere earlier: Axon 4.13 sends a unit of work's events to the hub when the unit
 * commits, after every handler and interceptor has returned, and rethrows the hub's refusal as it
 * came, a gRPC {@code OUT_OF_RANGE} with the trailer {@code AxonIQ-ErrorCode: AXONIQ-2000} (Axon's
 * own table reads that code as a {@link ConcurrencyException}, but the append does not consult it).
 * The command's result is the first place that sees it; left alone, it reaches the sender as a
 * {@code CommandExecutionException} (AXONIQ-4002) whose only trace of the conflict is its text.
 */
@Configuration(proxyBeanMethods = false)
class LocalCommandBusConfiguration {

  /**
   * Built as Axon's auto-configuration builds its local segment, which steps aside for this one.
   */
  @Bean
  @Qualifier("localSegment")
  SimpleCommandBus commandBus(
      TransactionManager transactionManager,
      org.axonframework.config.Configuration axon,
      DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
    SimpleCommandBus commandBus =
        new ReportingLostRaces(
            SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus")));
    commandBus.registerHandlerInterceptor(
        new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
    return commandBus;
  }

  /**
   * A {@link SimpleCommandBus} whose results report a lost race as a {@link SequenceConflict} and a
   * refused append as {@link EventsNotStored}.
   */
  static final class ReportingLostRaces extends SimpleCommandBus {

    /**
     * The hub's answers to an append that say it stored nothing: {@code AXONIQ-1900} (over its
     * limits, docs/hub-protocol.md) and {@code AXONIQ-9900} (its transaction rolled back or timed
     * out). A connection lost meanwhile is not among them: then nobody knows.
     */
    private static final Set<String> NOT_STORED = Set.of("AXONIQ-1900", "AXONIQ-9900");

    private static final Metadata.Key<String> ERROR_CODE =
        Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

    ReportingLostRaces(SimpleCommandBus.Builder builder) {
      super(builder);
    }

    @Override
    protected <C, R> void handle(
        CommandMessage<C> command,
        MessageHandler<? super CommandMessage<?>> handler,
        CommandCallback<? super C, ? super R> callback) {
      super.<C, R>handle(
          command, handler, (message, result) -> callback.onResult(message, reported(result)));
    }

    private static <R> CommandResultMessage<? extends R> reported(
        CommandResultMessage<? extends R> result) {
      if (!result.isExceptional()) {
        return result;
      }
      Throwable failure = result.exceptionResult();
      // Axon's own reading of the hub's error code, which the append path skips
      RuntimeException parsed = GrpcExceptionParser.parse(failure);
      if (parsed instanceof ConcurrencyException) {
        return new GenericCommandResultMessage<R>(
            new SequenceConflict(failure.getMessage()).asException(failure), result.getMetaData());
      }
      if (refusedToStore(failure)) {
        return new GenericCommandResultMessage<R>(
            new EventsNotStored(failure.getMessage()).asException(failure), result.getMetaData());
      }
      return result;
    }

    /**
     * Whether the hub answered that it did not take the events: overloaded, or rolled back. Read
     * from the answer's error-code trailer: Axon's parser knows no AXONIQ-1900 and loses the code.
     */
    private static boolean refusedToStore(Throwable failure) {
      return failure instanceof StatusRuntimeException answer
          && answer.getTrailers() != null
          && NOT_STORED.contains(answer.getTrailers().get(ERROR_CODE));
    }
  }
}
