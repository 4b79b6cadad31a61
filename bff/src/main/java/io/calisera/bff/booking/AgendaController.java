package io.calisera.bff.booking;

import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.FindCustomerBookingsQuery;
import io.calisera.api.booking.FindProviderBookingsQuery;
import io.calisera.bff.auth.Caller;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.provider.OwnerOnly;
import io.calisera.bff.provider.Owners;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists of bookings: a customer's own (newest first) and a provider's agenda (earliest first).
 * {@code from} and {@code to} bound the bookings' starts: either instants with offset ({@code to}
 * excluded) or local dates ({@code to} included) read in {@code timeZone}.
 */
@RestController
@Tag(name = "Bookings")
class AgendaController {

  private static final String RANGE =
      "from and to bound the bookings' starts: instants with offset (to excluded) or local dates"
          + " (to included) in timeZone. page is zero-based; size 1 to 100 (default 20).";

  private final QuerySender queries;
  private final Owners owners;

  AgendaController(QuerySender queries, Owners owners) {
    this.queries = queries;
    this.owners = owners;
  }

  record BookingListPage(List<BookingResponse> items, int page, int size, long total) {

    static BookingListPage of(BookingPage page) {
      return new BookingListPage(
          page.items().stream().map(BookingResponse::of).toList(),
          page.page(),
          page.size(),
          page.total());
    }
  }

  @PreAuthorize("hasRole('CUSTOMER')")
  @GetMapping("/api/v1/me/bookings")
  @Operation(
      summary = "The caller's own bookings, newest first",
      description = RANGE + " Dates are read in UTC unless timeZone says otherwise.")
  @ApiProblems(ProblemCode.SERVICE_UNAVAILABLE)
  BookingListPage mine(
      @AuthenticationPrincipal Caller caller,
      @Parameter(description = "e.g. 2026-03-01 or 2026-03-01T00:00:00+01:00")
          @RequestParam(required = false)
          @Size(max = 64)
          String from,
      @RequestParam(required = false) @Size(max = 64) String to,
      @RequestParam(required = false) BookingStatus status,
      @RequestParam(required = false) @Size(max = 100) String timeZone,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(BookingPage.MAX_PAGE_SIZE) int size) {
    ZoneId zone = WireFormats.parseOptionalZone(timeZone, "timeZone");
    Range range = Range.of(from, to, zone == null ? ZoneOffset.UTC : zone);
    return BookingListPage.of(
        queries.find(
            new FindCustomerBookingsQuery(
                caller.accountId(), range.from(), range.to(), status, page, size),
            BookingPage.class));
  }

  @OwnerOnly
  @GetMapping("/api/v1/providers/{providerId}/bookings")
  @Operation(
      summary = "The provider's agenda, earliest first",
      description =
          RANGE + " Dates are read in the provider's zone unless timeZone says otherwise.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  BookingListPage agenda(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @RequestParam(required = false) @Size(max = 64) String from,
      @RequestParam(required = false) @Size(max = 64) String to,
      @RequestParam(required = false) BookingStatus status,
      @RequestParam(required = false) @Size(max = 100) String timeZone,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(BookingPage.MAX_PAGE_SIZE) int size) {
    ZoneId zone = WireFormats.parseOptionalZone(timeZone, "timeZone");
    if (zone == null && (isDate(from) || isDate(to))) {
      zone = owners.provider(providerId).timeZone();
    }
    Range range = Range.of(from, to, zone == null ? ZoneOffset.UTC : zone);
    return BookingListPage.of(
        queries.find(
            new FindProviderBookingsQuery(providerId, range.from(), range.to(), status, page, size),
            BookingPage.class));
  }

  private static boolean isDate(String text) {
    return text != null && text.trim().length() == 10;
  }

  /** The bounds of the bookings' starts, {@code [from, to)}, either absent. */
  record Range(Instant from, Instant to) {

    static Range of(String from, String to, ZoneId zone) {
      Instant start = bound(from, "from", zone, false);
      Instant end = bound(to, "to", zone, true);
      // a date "to" includes its day: to 2026-06-02 ends where from 2026-06-03 starts
      if (start != null
          && end != null
          && (isDate(to) ? !end.isAfter(start) : end.isBefore(start))) {
        throw ApiProblem.invalid("to", "must not be before from");
      }
      return new Range(start, end);
    }

    private static Instant bound(String text, String field, ZoneId zone, boolean end) {
      if (text == null || text.isBlank()) {
        return null;
      }
      if (isDate(text)) {
        LocalDate date;
        try {
          date = LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
          throw ApiProblem.invalid(
              field, "must be a date like 2026-03-29 or an instant with offset");
        }
        WireFormats.requireCalendarDate(date, field);
        return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
      }
      return WireFormats.parseInstant(text, field);
    }
  }
}
