package io.calisera.query.common;

import org.axonframework.eventhandling.TrackingToken;

/**
 * The global position of the event being applied, which every read model document stores as the
 * last one applied to it: an event at or below a document's position has been applied already (a
 * redelivery after a crash) and changes nothing.
 */
public final class Positions {

  private Positions() {}

  public static long of(TrackingToken token) {
    if (token == null) {
      throw new IllegalStateException("A projection needs tracked events (a streaming processor)");
    }
    return token
        .position()
        .orElseThrow(() -> new IllegalStateException("A token without a position: " + token));
  }

  /** Whether an event at {@code position} is new for a document that has seen {@code applied}. */
  public static boolean isNew(long position, Long applied) {
    return applied == null || position > applied;
  }
}
