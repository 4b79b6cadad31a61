package io.calisera.query.audit;

import io.calisera.api.audit.ActorKind;
import io.calisera.api.audit.AuditEntry;
import io.calisera.api.common.Role;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One event of a provider's stream as the audit keeps it, under {@link #id(String, long)}: the
 * provider and the event's sequence in its stream, which is dense (0, 1, 2, ...), so that the
 * stream's n-th event is one read by id. {@code timestamp} is a date (the hub stores whole
 * milliseconds); {@code latest} the latest timestamp of the stream up to this event, which never
 * decreases along the stream and so can be searched; {@code payload} the event's JSON as the api's
 * mapper writes it, {@code payloadType} its class, so that {@code asOf} can read it back.
 *
 * @param bookingId for a booking's events, else {@code null}
 * @param ownerAccountId the provider's owner
 */
@Document(AuditEventDocument.COLLECTION)
record AuditEventDocument(
    @Id String id,
    long globalPosition,
    long sequence,
    String aggregateId,
    String bookingId,
    String type,
    String payloadType,
    String revision,
    Instant timestamp,
    Instant latest,
    String ownerAccountId,
    String actorKind,
    String actorId,
    List<String> actorRoles,
    String correlationId,
    String traceId,
    String payload) {

  static final String COLLECTION = "audit_events";

  AuditEventDocument {
    actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
  }

  static String id(String providerId, long sequence) {
    return providerId + "/" + sequence;
  }

  AuditEntry entry() {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    actorRoles.forEach(role -> roles.add(Role.valueOf(role)));
    return new AuditEntry(
        globalPosition,
        sequence,
        aggregateId,
        type,
        revision,
        timestamp,
        new AuditEntry.Actor(ActorKind.valueOf(actorKind), actorId, roles),
        correlationId,
        traceId,
        payload);
  }
}
