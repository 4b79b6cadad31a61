package io.calisera.bff.audit;

import io.calisera.api.audit.ActorKind;
import io.calisera.api.audit.AuditEntry;
import io.calisera.bff.web.WireFormats;
import java.time.ZoneOffset;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event as auditors see it (docs/api.md, "Audit and history"): its timestamp in UTC, its
 * payload as the JSON the event history holds.
 */
record AuditEventResponse(
    long globalPosition,
    long sequence,
    String aggregateId,
    String type,
    String revision,
    String timestamp,
    ActorResponse actor,
    String correlationId,
    String traceId,
    JsonNode payload) {

  /**
   * @param kind {@code CUSTOMER}, {@code OWNER}, {@code GUEST}, {@code ADMIN} or {@code SYSTEM}
   * @param roles sorted
   */
  record ActorResponse(ActorKind kind, String accountId, List<String> roles) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static AuditEventResponse of(AuditEntry event) {
    JsonNode payload;
    try {
      payload = JSON.readTree(event.payload());
    } catch (JacksonException e) {
      throw new IllegalStateException("unreadable payload at " + event.globalPosition(), e);
    }
    return new AuditEventResponse(
        event.globalPosition(),
        event.sequence(),
        event.aggregateId(),
        event.type(),
        event.revision(),
        WireFormats.instant(event.timestamp(), ZoneOffset.UTC),
        new ActorResponse(
            event.actor().kind(),
            event.actor().accountId(),
            event.actor().roles().stream().map(Enum::name).sorted().toList()),
        event.correlationId(),
        event.traceId(),
        payload);
  }
}
