package io.calisera.api.common;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;

/**
 * How a failed command is recognised on the sending side. The one place that knows the shapes in
 * which failures arrive through the Axon Server connector (see {@code docs/hub-protocol.md}).
 */
public final class CommandFailures {

  /** The hub's answer when an append lost the race for an aggregate's next sequence number. */
  private static final String SEQUENCE_CONFLICT = "[AXONIQ-2000]";

  private CommandFailures() {}

  /** The business refusal carried by the failure, if the domain refused the command. */
  public static Optional<Refusal> refusal(Throwable failure) {
    return commandException(failure)
        .flatMap(CommandExecutionException::getDetails)
        .filter(Refusal.class::isInstance)
        .map(Refusal.class::cast);
  }

  /**
   * Whether the command lost a race: another command appended to the same aggregate first (the
   * hub's sequence check, AXONIQ-2000). Nothing of it was stored; sending it again lets the
   * aggregate decide with the winner's events in view. Axon 4.13 reports this as a {@code
   * CommandExecutionException} whose message carries the hub's text, never as a {@code
   * ConcurrencyException}.
   */
  public static boolean isSequenceConflict(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && message.contains(SEQUENCE_CONFLICT)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<CommandExecutionException> commandException(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException || cause instanceof ExecutionException) {
      cause = cause.getCause();
    }
    return cause instanceof CommandExecutionException e ? Optional.of(e) : Optional.empty();
  }
}
