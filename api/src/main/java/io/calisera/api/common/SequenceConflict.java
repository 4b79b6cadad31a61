package io.calisera.api.common;

import org.axonframework.commandhandling.CommandExecutionException;

/**
 * A command that lost the race for an aggregate's next sequence number: another command appended to
 * the same aggregate first (the event store's sequence check, the hub's {@code AXONIQ-2000}), so
 * nothing of this one was stored, and sending it again lets the aggregate decide with the winner's
 * events in view. The command side puts it into the details of the command's exception, which
 * survive the trip through the hub (like a {@link Refusal}); read it with {@link
 * CommandFailures#isSequenceConflict(Throwable)}.
 *
 * @param message the event store's explanation
 */
public record SequenceConflict(String message) {

  public SequenceConflict {
    Require.notNull(message, "message");
  }

  /** The failure of the command that lost, carrying this conflict in its details. */
  public CommandExecutionException asException(Throwable cause) {
    return new CommandExecutionException(message, cause, this);
  }
}
