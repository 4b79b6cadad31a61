package io.calisera.api.common;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;

/**
 * How a failed command is recognised on the sending side: by the details of the command's
 * exception, which survive the trip through the hub, never by its message text.
 */
public final class CommandFailures {

  private CommandFailures() {}

  /** The business refusal carried by the failure, if the domain refused the command. */
  public static Optional<Refusal> refusal(Throwable failure) {
    return details(failure).filter(Refusal.class::isInstance).map(Refusal.class::cast);
  }

  /**
   * Whether the command lost a race ({@link SequenceConflict}): another command appended to the
   * same aggregate first. Nothing of it was stored; sending it again lets the aggregate decide with
   * the winner's events in view.
   */
  public static boolean isSequenceConflict(Throwable failure) {
    return details(failure).filter(SequenceConflict.class::isInstance).isPresent();
  }

  /**
   * Whether the event store refused the command's events ({@link EventsNotStored}): nothing of it
   * was stored; it may be sent again later.
   */
  public static boolean wasNotStored(Throwable failure) {
    return details(failure).filter(EventsNotStored.class::isInstance).isPresent();
  }

  private static Optional<Object> details(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException || cause instanceof ExecutionException) {
      cause = cause.getCause();
    }
    return cause instanceof CommandExecutionException e ? e.getDetails() : Optional.empty();
  }
}
