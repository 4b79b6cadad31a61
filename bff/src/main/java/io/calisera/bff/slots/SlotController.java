package io.calisera.bff.slots;

import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.bff.auth.Public;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.Ids;
import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The bookable slots of a service, in the time zone the client asks in; asked once or live. */
@RestController
@Tag(name = "Slots")
class SlotController {

  private final QuerySender queries;
  private final LiveSlots live;

  SlotController(QuerySender queries, LiveSlots live) {
    this.queries = queries;
    this.live = live;
  }

  @Public
  @GetMapping("/api/v1/providers/{providerId}/services/{serviceId}/slots")
  @Operation(
      summary = "The bookable slots of a service",
      description =
          "Every slot whose start lies in [from 00:00, to 24:00) of the local dates in timeZone"
              + " (default: the provider's), sorted; each start and end written with timeZone's"
              + " offset at that instant. At most "
              + FindAvailableSlotsQuery.MAX_DAYS
              + " days. A deactivated service has no slots.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  SlotsResponse slots(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String serviceId,
      @Parameter(description = "first local date, e.g. 2026-03-28")
          @RequestParam
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate from,
      @Parameter(description = "last local date (included), e.g. 2026-03-30")
          @RequestParam
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate to,
      @Parameter(description = "IANA zone of the dates and the answer, e.g. America/New_York")
          @RequestParam(required = false)
          @Size(max = 100)
          String timeZone) {
    return SlotsResponse.of(
        queries.find(query(providerId, serviceId, from, to, timeZone), AvailableSlots.class));
  }

  @Public
  @GetMapping(
      path = "/api/v1/providers/{providerId}/services/{serviceId}/slots/stream",
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "The bookable slots of a service, live (Server-Sent Events)",
      description =
          "The slot query's parameters, limits and problems (answered before the stream opens);"
              + " then an event `slots` with the slot query's body, and another whenever the list"
              + " changes (a booking placed, moved or cancelled; the hours or the service"
              + " changed). A comment line keeps the stream open (every 20 s by default). Every"
              + " event carries `retry`: a stream the platform ends is to be opened again after"
              + " it. 503 when this server has as many streams open as it may.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  SseEmitter stream(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String serviceId,
      @Parameter(description = "first local date, e.g. 2026-03-28")
          @RequestParam
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate from,
      @Parameter(description = "last local date (included), e.g. 2026-03-30")
          @RequestParam
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate to,
      @Parameter(description = "IANA zone of the dates and the answer, e.g. America/New_York")
          @RequestParam(required = false)
          @Size(max = 100)
          String timeZone) {
    return live.open(query(providerId, serviceId, from, to, timeZone), SlotsResponse::of);
  }

  /** The query of the parameters both endpoints take, checked as the contract says. */
  private static FindAvailableSlotsQuery query(
      String providerId, String serviceId, LocalDate from, LocalDate to, String timeZone) {
    ZoneId zone = WireFormats.parseOptionalZone(timeZone, "timeZone");
    WireFormats.requireCalendarDate(from, "from");
    WireFormats.requireCalendarDate(to, "to");
    if (to.isBefore(from)) {
      throw ApiProblem.invalid("to", "must not be before from");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > FindAvailableSlotsQuery.MAX_DAYS) {
      throw ApiProblem.invalid(
          "to", "the range may span at most " + FindAvailableSlotsQuery.MAX_DAYS + " days");
    }
    return new FindAvailableSlotsQuery(providerId, serviceId, from, to, zone);
  }
}
