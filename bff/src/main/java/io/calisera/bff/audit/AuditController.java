package io.calisera.bff.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.calisera.api.audit.AuditEventPage;
import io.calisera.api.audit.BookingAuditEvents;
import io.calisera.api.audit.FindBookingAsOfQuery;
import io.calisera.api.audit.FindBookingAuditEventsQuery;
import io.calisera.api.audit.FindProviderAuditEventsQuery;
import io.calisera.api.booking.BookingView;
import io.calisera.bff.booking.BookingResponse;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.gateway.ReadYourWrites;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.Ids;
import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit API (docs/api.md, "Audit and history"): auditors only, reads only, each read recorded
 * ({@link AuditAccessLog}). The answers come from the query side's audit read model, after it has
 * applied the event store's last token (read-your-writes: every change answered before the read is
 * in it); the integrity check from the hub itself ({@link HubIntegrity}).
 */
@RestController
@Tag(name = "Audit")
@PreAuthorize("hasRole('AUDITOR')")
class AuditController {

  /** Open bounds of the time ranges. */
  private static final Instant BEGINNING = Instant.EPOCH;

  private static final Instant END = Instant.parse("9999-12-31T00:00:00Z");

  private final QuerySender queries;
  private final ReadYourWrites readYourWrites;
  private final AuditAccessLog accessLog;
  private final HubIntegrity hubIntegrity;

  AuditController(
      QuerySender queries,
      ReadYourWrites readYourWrites,
      AuditAccessLog accessLog,
      HubIntegrity hubIntegrity) {
    this.queries = queries;
    this.readYourWrites = readYourWrites;
    this.accessLog = accessLog;
    this.hubIntegrity = hubIntegrity;
  }

  record AuditEventList(List<AuditEventResponse> items, int page, int size, long total) {}

  record AccessResponse(String at, String accountId, String method, String path) {}

  @GetMapping("/api/v1/audit/bookings/{bookingId}/events")
  @Operation(
      summary = "Every event of a booking, oldest first (auditor)",
      description =
          "Each with its global position, its sequence in its provider's stream, type, revision,"
              + " timestamp (UTC), actor (kind CUSTOMER, OWNER, GUEST, ADMIN or SYSTEM; account;"
              + " roles), correlation id (the command's), W3C trace id of the HTTP request behind"
              + " it, and payload.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  List<AuditEventResponse> bookingEvents(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String bookingId) {
    readYourWrites.awaitReadModel(FindBookingAuditEventsQuery.READ_MODEL);
    BookingAuditEvents events =
        queries.find(new FindBookingAuditEventsQuery(bookingId), BookingAuditEvents.class);
    if (events.events().isEmpty()) {
      throw ApiProblem.notFound("No booking " + bookingId);
    }
    return events.events().stream().map(AuditEventResponse::of).toList();
  }

  @GetMapping("/api/v1/audit/bookings/{bookingId}/state")
  @Operation(
      summary = "A booking as it stood at an instant (auditor)",
      description =
          "The body of GET /api/v1/bookings/{id}, rebuilt from the booking's events stored up to"
              + " asOf (included) with the fold the live read model uses; 404 if it did not"
              + " exist yet.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  BookingResponse bookingAsOf(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String bookingId,
      @Parameter(description = "an instant with offset, e.g. 2026-03-29T09:00:00+02:00")
          @RequestParam(required = false)
          @Size(max = 64)
          String asOf) {
    Instant instant = WireFormats.parseInstant(asOf, "asOf");
    readYourWrites.awaitReadModel(FindBookingAuditEventsQuery.READ_MODEL);
    BookingView view =
        queries
            .findOptional(new FindBookingAsOfQuery(bookingId, instant), BookingView.class)
            .orElseThrow(
                () -> ApiProblem.notFound("No booking " + bookingId + " as of " + asOf.trim()));
    return BookingResponse.of(view);
  }

  @GetMapping("/api/v1/audit/providers/{providerId}/events")
  @Operation(
      summary = "Every event of a provider's stream stored in [from, to), oldest first (auditor)",
      description =
          "The provider, its services, schedule and bookings, in the order of the event history."
              + " from and to are instants with offset, either may be absent; page is zero-based,"
              + " size 1 to 500 (default 100).")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  AuditEventList providerEvents(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @RequestParam(required = false) @Size(max = 64) String from,
      @RequestParam(required = false) @Size(max = 64) String to,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "100") @Min(1) @Max(AuditEventPage.MAX_PAGE_SIZE) int size) {
    Instant start = optionalInstant(from, "from", BEGINNING);
    Instant end = optionalInstant(to, "to", END);
    requireOrdered(start, end);
    readYourWrites.awaitReadModel(FindBookingAuditEventsQuery.READ_MODEL);
    AuditEventPage events =
        queries
            .findOptional(
                new FindProviderAuditEventsQuery(providerId, start, end, page, size),
                AuditEventPage.class)
            .orElseThrow(() -> ApiProblem.notFound("No provider " + providerId));
    return new AuditEventList(
        events.items().stream().map(AuditEventResponse::of).toList(),
        events.page(),
        events.size(),
        events.total());
  }

  /** The contract's body; {@code firstInvalidPosition} is null, not absent, for a valid history. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record IntegrityResponse(
      long eventsChecked,
      boolean valid,
      Long firstInvalidPosition,
      long headPosition,
      CheckpointResponse lastCheckpoint) {}

  /**
   * @param position the last event the checkpoint covers, -1 when the history was empty then
   * @param at when the hub signed it (UTC)
   */
  record CheckpointResponse(long position, String at) {}

  @GetMapping("/api/v1/audit/integrity")
  @Operation(
      summary = "The whole event history verified against its tamper-evidence chain (auditor)",
      description =
          "The hub recomputes its keyed chain over every stored event, in order, and checks it"
              + " against its last signed checkpoint: an altered, removed, inserted or reordered"
              + " event, or a history cut short after a checkpoint, makes it valid: false at the"
              + " first affected position (firstInvalidPosition), even for someone who could"
              + " rewrite the event tables. eventsChecked counts the events found valid, the first"
              + " invalid one included; headPosition is the newest event's position when the"
              + " check began.")
  @ApiProblems(ProblemCode.SERVICE_UNAVAILABLE)
  IntegrityResponse integrity() {
    HubIntegrity.Report report = hubIntegrity.verify();
    return new IntegrityResponse(
        report.eventsChecked(),
        report.valid(),
        report.firstInvalidPosition(),
        report.headPosition(),
        new CheckpointResponse(
            report.checkpointPosition(),
            WireFormats.instant(report.checkpointAt(), ZoneOffset.UTC)));
  }

  @GetMapping("/api/v1/audit/access")
  @Operation(
      summary = "Who read what through the audit API, oldest first (auditor)",
      description =
          "Reads in [from, to) (instants with offset, either may be absent), this one included;"
              + " page is zero-based, size 1 to 500 (default 100).")
  @ApiProblems(ProblemCode.SERVICE_UNAVAILABLE)
  List<AccessResponse> access(
      @RequestParam(required = false) @Size(max = 64) String from,
      @RequestParam(required = false) @Size(max = 64) String to,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
    Instant start = optionalInstant(from, "from", BEGINNING);
    Instant end = optionalInstant(to, "to", END);
    requireOrdered(start, end);
    return accessLog.list(start, end, page, size).stream()
        .map(
            access ->
                new AccessResponse(
                    WireFormats.instant(access.at(), ZoneOffset.UTC),
                    access.accountId(),
                    access.method(),
                    access.path()))
        .toList();
  }

  private static Instant optionalInstant(String text, String field, Instant absent) {
    return text == null || text.isBlank() ? absent : WireFormats.parseInstant(text, field);
  }

  private static void requireOrdered(Instant from, Instant to) {
    if (to.isBefore(from)) {
      throw ApiProblem.invalid("to", "must not be before from");
    }
  }
}
