package io.calisera.api.common;

import org.axonframework.commandhandling.CommandExecutionException;

/**
 * A command whose events the event store refused to take (the hub was overloaded, {@code
 * AXONIQ-1900}; or its transaction rolled back or gave up, {@code AXONIQ-9900}): nothing of it was
 * stored, and the sender may send it again later. The command side puts it into the details of the
 * command's exception, which survive the trip through the hub (like a {@link SequenceConflict});
 * read it with {@link CommandFailures#wasNotStored(Throwable)}. A failure that leaves it unknown
 * whether the events were stored (a connection lost during the append) is not this.
 *
 * @param message the event store's explanation
 */
public record EventsNotStored(String message) {

  public EventsNotStored {
    Require.notNull(message, "message");
  }

  /** The failure of the command, carrying this in its details. */
  public CommandExecutionException asException(Throwable cause) {
    return new CommandExecutionException(message, cause, this);
  }
}
