package io.calisera.bff.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.axoniq.axonserver.connector.AxonServerException;
import io.axoniq.axonserver.connector.ErrorCategory;
import io.axoniq.axonserver.grpc.ErrorMessage;
import io.calisera.api.common.EventsNotStored;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.common.SequenceConflict;
import io.calisera.bff.BffProperties;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ProblemCode;
import io.grpc.Status;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.axonserver.connector.command.AxonServerCommandDispatchException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/** How a command's failures reach the client. */
class CommandSenderTest {

  private static final Object COMMAND = new Object();

  private final CommandGateway gateway = mock(CommandGateway.class);
  private final CommandSender sender = new CommandSender(gateway, answeringWithin200Millis());

  /** Settings whose gateway timeout is 200 ms, the rest defaults (also for QuerySenderTest). */
  static BffProperties answeringWithin200Millis() {
    return new BffProperties(
        null,
        URI.create("http://localhost"),
        null,
        new BffProperties.Gateway(Duration.ofMillis(200), null, null),
        null);
  }

  @Test
  void theAnswerComesBack() {
    when(gateway.send(any())).thenReturn(CompletableFuture.completedFuture("slug-1"));
    String answer = sender.send(COMMAND);
    assertThat(answer).isEqualTo("slug-1");
  }

  @Test
  void aRefusalBecomesItsProblem() {
    when(gateway.send(any()))
        .thenReturn(
            CompletableFuture.failedFuture(RefusedException.of(RefusalCode.SLOT_TAKEN, "taken")));
    ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> sender.send(COMMAND));
    assertThat(problem.code()).isEqualTo(ProblemCode.SLOT_TAKEN);
    assertThat(problem.code().status().value()).isEqualTo(409);
    assertThat(problem.detail()).isEqualTo("taken");
    verify(gateway, times(1)).send(any());
  }

  @Test
  void aLostRaceIsSentOnceMoreAndItsAnswerCounts() {
    when(gateway.send(any()))
        .thenReturn(CompletableFuture.failedFuture(sequenceConflict()))
        .thenReturn(
            CompletableFuture.failedFuture(RefusedException.of(RefusalCode.SLOT_TAKEN, "taken")));
    ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> sender.send(COMMAND));
    assertThat(problem.code()).isEqualTo(ProblemCode.SLOT_TAKEN);
    verify(gateway, times(2)).send(any());
  }

  @Test
  void aRetryThatSucceedsAnswers() {
    when(gateway.send(any()))
        .thenReturn(CompletableFuture.failedFuture(sequenceConflict()))
        .thenReturn(CompletableFuture.completedFuture("ok"));
    String answer = sender.send(COMMAND);
    assertThat(answer).isEqualTo("ok");
  }

  @Test
  void twoLostRacesAreAConflictNotA500() {
    when(gateway.send(any())).thenReturn(CompletableFuture.failedFuture(sequenceConflict()));
    ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> sender.send(COMMAND));
    assertThat(problem.code()).isEqualTo(ProblemCode.CONCURRENT_CHANGE);
    assertThat(problem.code().status().value()).isEqualTo(409);
    verify(gateway, times(2)).send(any());
  }

  @Test
  void noCommandSideIs503() {
    when(gateway.send(any()))
        .thenReturn(CompletableFuture.failedFuture(new NoHandlerForCommandException("none")));
    assertThat(catchThrowableOfType(ApiProblem.class, () -> sender.send(COMMAND)).code())
        .isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
  }

  @Test
  void aCommandTheHubCouldNotTakeIs503() {
    when(gateway.send(any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new AxonServerCommandDispatchException(
                    "AXONIQ-4003", ErrorMessage.newBuilder().setMessage("UNAVAILABLE").build())));
    assertThat(catchThrowableOfType(ApiProblem.class, () -> sender.send(COMMAND)).code())
        .isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
  }

  @Test
  void aConnectionToTheHubThatBreaksWhileTheCommandWaitsIs503WithRetryAfter() {
    // the hub killed mid-command: the connector fails the command with its own exception
    // (AXONIQ-4003, Connection reset underneath), which Axon passes on as it is
    when(gateway.send(any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new CompletionException(
                    new AxonServerException(
                        ErrorCategory.COMMAND_DISPATCH_ERROR,
                        "Received exception while dispatching command",
                        "bff-1",
                        Status.UNAVAILABLE.asRuntimeException()))));
    ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> sender.send(COMMAND));
    assertThat(problem.code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
    assertThat(problem.retryAfter()).contains(ApiProblem.UNAVAILABLE_RETRY_AFTER);
  }

  @Test
  void aCommandWhoseEventsTheHubRefusedToStoreIs503WithRetryAfter() {
    // the command side's answer when the hub refused the append (AXONIQ-1900, AXONIQ-9900)
    when(gateway.send(any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new EventsNotStored("[AXONIQ-1900] over the limit").asException(null)));
    ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> sender.send(COMMAND));
    assertThat(problem.code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
    assertThat(problem.retryAfter()).contains(ApiProblem.UNAVAILABLE_RETRY_AFTER);
    verify(gateway, times(1)).send(any());
  }

  @Test
  void noAnswerInTimeIs503() {
    when(gateway.send(any())).thenReturn(new CompletableFuture<>());
    assertThat(catchThrowableOfType(ApiProblem.class, () -> sender.send(COMMAND)).code())
        .isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
  }

  @Test
  void anyOtherFailureIsAGeneric500() {
    when(gateway.send(any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new CommandExecutionException("NullPointerException in Provider", null)));
    ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> sender.send(COMMAND));
    assertThat(problem.code()).isEqualTo(ProblemCode.INTERNAL_ERROR);
    assertThat(problem.retryAfter()).isEmpty();
    assertThat(problem.detail()).doesNotContain("NullPointer");
  }

  /** How a lost race reaches the sender: the command side's SequenceConflict in the details. */
  private static CommandExecutionException sequenceConflict() {
    return new SequenceConflict(
            "OUT_OF_RANGE: [AXONIQ-2000] Invalid sequence number 3 for aggregate p-1, expected 4")
        .asException(null);
  }
}
