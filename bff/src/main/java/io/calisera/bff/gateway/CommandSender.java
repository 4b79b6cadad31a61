package io.calisera.bff.gateway;

import io.calisera.api.common.CommandFailures;
import io.calisera.bff.BffProperties;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.HubFailures;
import io.calisera.bff.web.ProblemCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way the bff sends a command: through the {@link CommandGateway}, waiting at most the
 * configured timeout, once more when the command lost the hub's race for an aggregate's next
 * sequence number (nothing of it was stored; the retry decides with the winner's events in view),
 * and with every failure turned into an {@link ApiProblem}: the domain's refusal with its status
 * ({@link ProblemCode#of}), an unreachable hub or command side as 503, anything else as a logged
 * 500 that tells the client nothing internal. Each command carries in its metadata the trace id of
 * the request that sends it ({@link TraceParent}).
 */
@Component
public class CommandSender {

  private static final Logger LOG = LoggerFactory.getLogger(CommandSender.class);

  private final CommandGateway gateway;
  private final long timeoutMillis;

  public CommandSender(CommandGateway gateway, BffProperties properties) {
    this.gateway = gateway;
    this.timeoutMillis = properties.gateway().commandTimeout().toMillis();
  }

  /**
   * Sends the command and returns its answer (see the command's javadoc for its type).
   *
   * @throws ApiProblem when the domain refused it or it could not be handled
   */
  public <R> R send(Object command) {
    try {
      return attempt(command);
    } catch (ExecutionException failure) {
      if (CommandFailures.refusal(failure).isEmpty()
          && CommandFailures.isSequenceConflict(failure)) {
        LOG.debug("{} lost a race; sending it once more", name(command));
        try {
          return attempt(command);
        } catch (ExecutionException again) {
          throw problem(command, again.getCause(), true);
        }
      }
      throw problem(command, failure.getCause(), false);
    }
  }

  private <R> R attempt(Object command) throws ExecutionException {
    CompletableFuture<R> answer;
    try {
      answer = gateway.send(traced(command));
    } catch (RuntimeException e) {
      // some failures are thrown at dispatch rather than completing the future
      throw new ExecutionException(e);
    }
    try {
      return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(false);
      LOG.warn("{} got no answer within {} ms", name(command), timeoutMillis);
      throw new ApiProblem(
          ProblemCode.SERVICE_UNAVAILABLE, "The platform did not answer in time; try again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiProblem(ProblemCode.SERVICE_UNAVAILABLE, "Interrupted; try again");
    }
  }

  /** The command with the trace id of the request that sends it ({@link TraceParent}). */
  private static Object traced(Object command) {
    return TraceParent.currentTraceId()
        .<Object>map(
            traceId ->
                GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(TraceParent.TRACE_ID, traceId)))
        .orElse(command);
  }

  private static ApiProblem problem(Object command, Throwable failure, boolean retried) {
    var refusal = CommandFailures.refusal(failure);
    if (refusal.isPresent()) {
      return ApiProblem.refused(refusal.get());
    }
    if (retried && CommandFailures.isSequenceConflict(failure)) {
      LOG.warn("{} lost the race twice", name(command));
      return new ApiProblem(
          ProblemCode.CONCURRENT_CHANGE, "Changed concurrently by another request; try again");
    }
    if (HubFailures.unavailable(failure)) {
      LOG.warn("{} could not be delivered: {}", name(command), failure.toString());
      return new ApiProblem(
          ProblemCode.SERVICE_UNAVAILABLE, "The platform is not available right now; try again");
    }
    LOG.error("{} failed", name(command), failure);
    return new ApiProblem(ProblemCode.INTERNAL_ERROR, "The request could not be completed");
  }

  private static String name(Object command) {
    return command.getClass().getSimpleName();
  }
}
