package io.calisera.bff.insights;

import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.api.insights.ProviderInsights;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.gateway.ReadYourWrites;
import io.calisera.bff.provider.OwnerOnly;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.Ids;
import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider's insights, for its owner: the figures of a range of local dates and of the range
 * before it, and bookings per day as a chart. The analytics projector answers; the insights reflect
 * every change answered before the request (read-your-writes: the request waits for the projector,
 * changes do not).
 */
@RestController
@Tag(name = "Insights")
class InsightsController {

  static final MediaType SVG = new MediaType("image", "svg+xml", StandardCharsets.UTF_8);

  private final QuerySender queries;
  private final ReadYourWrites readYourWrites;

  InsightsController(QuerySender queries, ReadYourWrites readYourWrites) {
    this.queries = queries;
    this.readYourWrites = readYourWrites;
  }

  @OwnerOnly
  @GetMapping("/api/v1/providers/{providerId}/insights")
  @Operation(
      summary = "How the provider's business went",
      description =
          "Figures for the local dates [from, to] of the provider's zone (at most "
              + FindProviderInsightsQuery.MAX_DAYS
              + " days), and in previous the same for the range of equal length just before."
              + " bookings counts those starting in the range whatever became of them;"
              + " bookedMinutes those pending, confirmed or completed; availableMinutes the"
              + " windows of the schedule in force on each date; rates and the median lead time"
              + " are 0 when there is nothing to divide.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  InsightsResponse insights(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @Parameter(description = "first local date, e.g. 2026-03-01")
          @RequestParam
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate from,
      @Parameter(description = "last local date (included), e.g. 2026-03-31")
          @RequestParam
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate to) {
    return InsightsResponse.of(ask(providerId, from, to));
  }

  @OwnerOnly
  @GetMapping("/api/v1/providers/{providerId}/insights/chart.svg")
  @Operation(
      summary = "Bookings per local day as an SVG chart",
      description =
          "360 by 240, labelled axes, readable on a phone; the same range rules as the insights.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "the chart",
              content = @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string"))))
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  ResponseEntity<String> chart(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @Parameter(description = "first local date, e.g. 2026-03-01")
          @RequestParam
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate from,
      @Parameter(description = "last local date (included), e.g. 2026-03-31")
          @RequestParam
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate to) {
    ProviderInsights insights = ask(providerId, from, to);
    return ResponseEntity.ok()
        .contentType(SVG)
        // the owner's own figures, which the next booking changes
        .cacheControl(CacheControl.noCache().cachePrivate())
        .body(InsightsChart.svg(insights.current(), insights.timeZone()));
  }

  private ProviderInsights ask(String providerId, LocalDate from, LocalDate to) {
    WireFormats.requireCalendarDate(from, "from");
    WireFormats.requireCalendarDate(to, "to");
    if (to.isBefore(from)) {
      throw ApiProblem.invalid("to", "must not be before from");
    }
    if (FindProviderInsightsQuery.days(from, to) > FindProviderInsightsQuery.MAX_DAYS) {
      throw ApiProblem.invalid(
          "to", "the range may span at most " + FindProviderInsightsQuery.MAX_DAYS + " days");
    }
    readYourWrites.awaitReadModel(FindProviderInsightsQuery.READ_MODEL);
    return queries.find(
        new FindProviderInsightsQuery(providerId, from, to), ProviderInsights.class);
  }
}
