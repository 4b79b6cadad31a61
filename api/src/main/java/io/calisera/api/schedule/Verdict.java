package io.calisera.api.schedule;

import io.calisera.api.common.Require;

/** The answer of {@link SlotEngine#check}: the slot to book, or why not. */
public sealed interface Verdict {

  /** The start is bookable; {@code slot} spans the service's duration from it. */
  record Accepted(Slot slot) implements Verdict {
    public Accepted {
      Require.notNull(slot, "slot");
    }
  }

  record Refused(SlotRefusal reason) implements Verdict {
    public Refused {
      Require.notNull(reason, "reason");
    }
  }

  default boolean isAccepted() {
    return this instanceof Accepted;
  }
}
