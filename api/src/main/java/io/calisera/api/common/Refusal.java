package io.calisera.api.common;

/**
 * A business refusal as it travels back to the sender of a command: inside the details of Axon's
 * {@code CommandExecutionException}, which survive the trip through the hub (the message text does
 * not, reliably). Read it back with {@link CommandFailures#refusal(Throwable)}.
 */
public record Refusal(RefusalCode code, String message) {

  public Refusal {
    Require.notNull(code, "code");
    Require.notNull(message, "message");
  }

  /** The exception a command handler throws to refuse. */
  public RefusedException asException() {
    return new RefusedException(this);
  }
}
