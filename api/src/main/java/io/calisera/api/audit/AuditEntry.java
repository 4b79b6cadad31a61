package io.calisera.api.audit;

import io.calisera.api.common.Role;
import java.time.Instant;
import java.util.Set;

/**
 * One stored event as the audit shows it.
 *
 * @param globalPosition its position in the whole event history
 * @param sequence its number in its aggregate's stream (bookings live in their provider's)
 * @param aggregateId the aggregate whose stream holds it: the provider's id for bookings
 * @param type the event's name, e.g. {@code BookingPlacedEvent}
 * @param revision its payload's revision as read (after any upcasting)
 * @param timestamp when it was stored
 * @param correlationId the id of the command that caused it
 * @param traceId the W3C trace id of the HTTP request behind it; {@code null} when none was (the
 *     platform's own commands) or for events stored before requests carried one
 * @param payload the event as JSON, as the event history holds it
 */
public record AuditEntry(
    long globalPosition,
    long sequence,
    String aggregateId,
    String type,
    String revision,
    Instant timestamp,
    Actor actor,
    String correlationId,
    String traceId,
    String payload) {

  /**
   * @param accountId the account id, {@code guest} or {@code system}; {@code null} for events
   *     stored before commands carried their actor
   */
  public record Actor(ActorKind kind, String accountId, Set<Role> roles) {

    public Actor {
      roles = Set.copyOf(roles);
    }
  }
}
