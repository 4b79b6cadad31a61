package io.calisera.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.common.CommandFailures;
import io.calisera.api.common.EventsNotStored;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.common.SequenceConflict;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * A command whose events the hub refused for their sequence number fails, on this instance's
 * command bus, in the shape that every sender recognises. The hub's answer is built as the
 * connector hands it over when the unit of work commits (gRPC status and trailer, see {@code
 * AxonServerEventStore} in Axon 4.13).
 */
class ReportingLostRacesTest {

  private static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);
  private static final String LOST =
      "[AXONIQ-2000] Invalid sequence number 3 for aggregate provider-1, expected 4";

  private final SimpleCommandBus bus =
      new LocalCommandBusConfiguration.ReportingLostRaces(SimpleCommandBus.builder());

  @Test
  void aCommandWhoseAppendLostTheRaceFailsWithASequenceConflict() {
    CommandResultMessage<?> result =
        handleFailingOnCommit(hubAnswer(Status.OUT_OF_RANGE, LOST, "AXONIQ-2000"));

    assertThat(result.exceptionResult()).isInstanceOf(CommandExecutionException.class);
    assertThat(result.exceptionDetails()).contains(new SequenceConflict("OUT_OF_RANGE: " + LOST));
    assertThat(CommandFailures.isSequenceConflict(result.exceptionResult())).isTrue();
  }

  @Test
  void aCommandWhoseAppendTheHubRefusedFailsWithEventsNotStored() {
    for (var refused :
        List.of(
            hubAnswer(Status.RESOURCE_EXHAUSTED, "[AXONIQ-1900] over the limit", "AXONIQ-1900"),
            hubAnswer(Status.CANCELLED, "[AXONIQ-9900] rolled back", "AXONIQ-9900"))) {
      CommandResultMessage<?> result = handleFailingOnCommit(refused);

      assertThat(result.exceptionDetails()).contains(new EventsNotStored(refused.getMessage()));
      assertThat(CommandFailures.wasNotStored(result.exceptionResult())).isTrue();
      assertThat(CommandFailures.isSequenceConflict(result.exceptionResult())).isFalse();
    }
  }

  @Test
  void aFailureThatLeavesItUnknownWhetherAnythingWasStoredStaysWhatItWas() {
    StatusRuntimeException lost =
        Status.UNAVAILABLE.withDescription("connection lost").asRuntimeException();

    CommandResultMessage<?> result = handleFailingOnCommit(lost);

    assertThat(result.exceptionResult()).isSameAs(lost);
    assertThat(CommandFailures.wasNotStored(result.exceptionResult())).isFalse();
  }

  @Test
  void aRefusalStaysARefusal() {
    bus.subscribe(
        "refuse",
        message -> {
          throw RefusedException.of(RefusalCode.SLOT_TAKEN, "taken");
        });

    CommandResultMessage<?> result = dispatch("refuse");

    assertThat(CommandFailures.refusal(result.exceptionResult()))
        .contains(new Refusal(RefusalCode.SLOT_TAKEN, "taken"));
    assertThat(CommandFailures.isSequenceConflict(result.exceptionResult())).isFalse();
  }

  /** A handler that succeeds, and a commit (the append, in Axon) that fails with {@code answer}. */
  private CommandResultMessage<?> handleFailingOnCommit(RuntimeException answer) {
    bus.subscribe(
        "append",
        message -> {
          CurrentUnitOfWork.get()
              .onCommit(
                  unitOfWork -> {
                    throw answer;
                  });
          return "decided";
        });
    return dispatch("append");
  }

  private CommandResultMessage<?> dispatch(String commandName) {
    FutureCallback<Object, Object> callback = new FutureCallback<>();
    bus.dispatch(
        new GenericCommandMessage<>(new GenericMessage<>(commandName), commandName), callback);
    CommandResultMessage<?> result = callback.getResult();
    assertThat(result.isExceptional()).isTrue();
    return result;
  }

  private static StatusRuntimeException hubAnswer(Status status, String text, String code) {
    Metadata trailers = new Metadata();
    trailers.put(ERROR_CODE, code);
    return status.withDescription(text).asRuntimeException(trailers);
  }
}
