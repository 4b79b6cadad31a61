package io.calisera.api.common;

import org.axonframework.commandhandling.CommandExecutionException;

/** Thrown by command handlers to refuse a command with a {@link Refusal} in its details. */
public final class RefusedException extends CommandExecutionException {

  public RefusedException(Refusal refusal) {
    super(refusal.code() + ": " + refusal.message(), null, refusal);
  }

  public static RefusedException of(RefusalCode code, String message) {
    return new RefusedException(new Refusal(code, message));
  }

  public Refusal refusal() {
    return getDetails().map(Refusal.class::cast).orElseThrow();
  }
}
