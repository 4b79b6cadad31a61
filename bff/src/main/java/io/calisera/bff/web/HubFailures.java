package io.calisera.bff.web;

import io.calisera.api.common.CommandFailures;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.axonserver.connector.query.AxonServerQueryDispatchException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.queryhandling.NoHandlerForQueryException;

/**
 * Which failures of a command or query mean that the platform could not be reached (the hub is
 * away, or no service handles the message right now), so that the client is told 503 and to try
 * again, never 500. Decided by the failure's type and the connector's error category, never by its
 * message.
 */
public final class HubFailures {

  /**
   * The categories of the connector's own {@link
   * io.axoniq.axonserver.connector.AxonServerException} that mean "not delivered": e.g. {@code
   * AXONIQ-4003} when the connection to the hub breaks while a command waits for its answer, which
   * Axon passes on without translating it.
   */
  private static final Set<io.axoniq.axonserver.connector.ErrorCategory> UNREACHABLE =
      Set.of(
          io.axoniq.axonserver.connector.ErrorCategory.CONNECTION_FAILED,
          io.axoniq.axonserver.connector.ErrorCategory.COMMAND_DISPATCH_ERROR,
          io.axoniq.axonserver.connector.ErrorCategory.QUERY_DISPATCH_ERROR,
          io.axoniq.axonserver.connector.ErrorCategory.NO_HANDLER_FOR_COMMAND,
          io.axoniq.axonserver.connector.ErrorCategory.NO_HANDLER_FOR_QUERY,
          io.axoniq.axonserver.connector.ErrorCategory.NO_EVENT_STORE_MASTER_AVAILABLE);

  private HubFailures() {}

  /** Whether {@code failure}, or one of its causes, says the platform could not be reached. */
  public static boolean unavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (CommandFailures.wasNotStored(cause)) {
        return true; // the hub refused the command's events: nothing stored, try again later
      }
      if (cause instanceof NoHandlerForCommandException
          || cause instanceof NoHandlerForQueryException
          || cause instanceof CommandDispatchException // e.g. the hub is out of reach
          || cause instanceof AxonServerQueryDispatchException
          || cause instanceof AxonServerException
          || cause instanceof TimeoutException) {
        return true;
      }
      if (cause instanceof io.axoniq.axonserver.connector.AxonServerException connector
          && UNREACHABLE.contains(connector.getErrorCategory())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
