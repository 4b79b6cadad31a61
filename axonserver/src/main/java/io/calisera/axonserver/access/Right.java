package io.calisera.axonserver.access;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an application may do at the hub, in the spirit of Axon Server Enterprise's roles. Each
 * right has the name an applications file uses for it ({@link #wireName()}).
 */
public enum Right {
  /** Send commands ({@code CommandService.Dispatch}). */
  DISPATCH_COMMANDS("dispatch-commands"),
  /** Subscribe command handlers and answer commands ({@code CommandService.OpenStream}). */
  HANDLE_COMMANDS("handle-commands"),
  /** Store events and snapshots ({@code AppendEvent}, {@code AppendSnapshot}). */
  APPEND_EVENTS("append-events"),
  /**
   * Read events and snapshots: tracking streams, aggregate reads ({@code ListEvents}, {@code
   * ListAggregateEvents}, {@code ListAggregateSnapshots}); includes {@link #READ_POSITIONS}.
   */
  READ_EVENTS("read-events"),
  /**
   * Read positions only, no event: the first, last and time-based tokens and an aggregate's highest
   * sequence number (what read-your-writes waits for).
   */
  READ_POSITIONS("read-positions"),
  /** Send queries and subscription queries ({@code QueryService.Query}, {@code Subscription}). */
  ASK_QUERIES("ask-queries"),
  /** Subscribe query handlers and answer queries ({@code QueryService.OpenStream}). */
  ANSWER_QUERIES("answer-queries"),
  /**
   * Send commands whose actor is a person (an account) or a guest: the hub attests it to the
   * handler in the command's metadata ({@link Dispatcher}); the hub itself does not read actors.
   */
  ACT_FOR_PEOPLE("act-for-people"),
  /** Send commands whose actor is the platform itself, attested like {@link #ACT_FOR_PEOPLE}. */
  ACT_AS_PLATFORM("act-as-platform"),
  /**
   * Have the event history checked against its tamper-evidence chain ({@code GET /v1/integrity}):
   * what the bff needs for the auditors' integrity check, and no more.
   */
  VERIFY_INTEGRITY("verify-integrity"),
  /**
   * Read the hub's state over HTTP: integrity, connected clients, metrics; includes {@link
   * #VERIFY_INTEGRITY}.
   */
  MONITOR("monitor");

  private final String wireName;

  Right(String wireName) {
    this.wireName = wireName;
  }

  /** The right's name in an applications file and in the dispatcher's metadata. */
  public String wireName() {
    return wireName;
  }

  /** Whether holding this right grants {@code other}. */
  boolean grants(Right other) {
    return this == other
        || (this == READ_EVENTS && other == READ_POSITIONS)
        || (this == MONITOR && other == VERIFY_INTEGRITY);
  }

  /**
   * @throws IllegalArgumentException for a name no right has, listing the names there are
   */
  public static Right named(String wireName) {
    return Arrays.stream(values())
        .filter(right -> right.wireName.equals(wireName))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown right '"
                        + wireName
                        + "'; the rights are "
                        + Arrays.stream(values())
                            .map(Right::wireName)
                            .collect(Collectors.joining(", "))));
  }
}
