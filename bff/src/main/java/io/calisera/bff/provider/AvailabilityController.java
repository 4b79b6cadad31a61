package io.calisera.bff.provider;

import io.calisera.api.common.Actor;
import io.calisera.api.provider.FindScheduleQuery;
import io.calisera.api.provider.ReplaceScheduleCommand;
import io.calisera.api.provider.ScheduleView;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.PreviewSlotsQuery;
import io.calisera.api.schedule.TimeInterval;
import io.calisera.api.schedule.WeeklyHours;
import io.calisera.bff.auth.CurrentActor;
import io.calisera.bff.auth.Public;
import io.calisera.bff.gateway.CommandSender;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.gateway.ReadYourWrites;
import io.calisera.bff.slots.SlotsResponse;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.Ids;
import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider's availability: weekly hours and date overrides, wall-clock times in the provider's
 * zone. {@code end} may be {@code 24:00} (the next midnight); an {@code end} not after its {@code
 * start} runs over midnight and belongs to the start's day; intervals of one day may not overlap.
 */
@RestController
@Tag(name = "Providers and services")
class AvailabilityController {

  static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";
  static final String END_TIME = "(([01][0-9]|2[0-3]):[0-5][0-9])|24:00";

  private final CommandSender commands;
  private final QuerySender queries;
  private final ReadYourWrites readYourWrites;
  private final Clock clock;

  AvailabilityController(
      CommandSender commands, QuerySender queries, ReadYourWrites readYourWrites, Clock clock) {
    this.commands = commands;
    this.queries = queries;
    this.readYourWrites = readYourWrites;
    this.clock = clock;
  }

  record Interval(
      @NotNull @Pattern(regexp = TIME, message = "must be a time HH:mm") String start,
      @NotNull @Pattern(regexp = END_TIME, message = "must be a time HH:mm or 24:00") String end) {

    TimeInterval interval() {
      return TimeInterval.of(start, end);
    }

    static Interval of(TimeInterval interval) {
      return new Interval(
          interval.start().toString(),
          interval.end().equals(LocalTime.MIDNIGHT) ? "24:00" : interval.end().toString());
    }
  }

  record Weekly(
      @NotNull DayOfWeek day,
      @NotNull @Pattern(regexp = TIME, message = "must be a time HH:mm") String start,
      @NotNull @Pattern(regexp = END_TIME, message = "must be a time HH:mm or 24:00") String end) {}

  record DateHours(
      @NotNull LocalDate date, @NotNull @Size(max = 48) List<@NotNull @Valid Interval> intervals) {}

  /** Absent lists are empty: no weekly hours, no overrides. */
  record ScheduleRequest(
      @Size(max = 7 * 48) List<@NotNull @Valid Weekly> weekly,
      @Size(max = 1000) List<@NotNull @Valid DateHours> overrides) {

    List<WeeklyHours> weeklyHours() {
      return weekly == null
          ? List.of()
          : weekly.stream().map(w -> WeeklyHours.of(w.day(), w.start(), w.end())).toList();
    }

    List<DateOverride> dateOverrides() {
      return overrides == null
          ? List.of()
          : overrides.stream()
              .map(
                  o ->
                      new DateOverride(
                          WireFormats.requireCalendarDate(o.date(), "overrides.date"),
                          o.intervals().stream().map(Interval::interval).toList()))
              .toList();
    }
  }

  record ScheduleResponse(
      String providerId, String timeZone, List<Weekly> weekly, List<DateHours> overrides) {

    static ScheduleResponse of(ScheduleView view) {
      return new ScheduleResponse(
          view.providerId(),
          view.timeZone().getId(),
          view.weekly().stream()
              .map(
                  hours -> {
                    Interval interval = Interval.of(hours.interval());
                    return new Weekly(hours.day(), interval.start(), interval.end());
                  })
              .toList(),
          view.overrides().stream()
              .map(
                  override ->
                      new DateHours(
                          override.date(),
                          override.intervals().stream().map(Interval::of).toList()))
              .toList());
    }
  }

  @OwnerOnly
  @PutMapping("/api/v1/providers/{providerId}/availability")
  @Operation(
      summary = "Replace the schedule",
      description =
          "Weekly hours and date overrides in the provider's zone. An override replaces its"
              + " date's weekly hours; one without intervals closes the date. Overlapping"
              + " intervals of one day are 400 naming them. Answers the schedule as stored.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  ScheduleResponse replace(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @Valid @RequestBody ScheduleRequest request,
      @CurrentActor Actor actor) {
    commands.send(
        new ReplaceScheduleCommand(
            providerId, request.weeklyHours(), request.dateOverrides(), actor, clock.instant()));
    readYourWrites.awaitReadModels();
    return schedule(providerId);
  }

  /**
   * Who may call: the provider's owner (their hours before they are saved are theirs alone).
   * Nothing is changed: the slot query's answer as it would be with these hours.
   */
  @OwnerOnly
  @PostMapping("/api/v1/providers/{providerId}/availability/preview")
  @Operation(
      summary = "Preview the slots of hours not saved yet",
      description =
          "The body of PUT .../availability; the slots that the slot query of serviceId would"
              + " answer for the local dates [from, to] in the provider's zone if these hours"
              + " were saved (the service's settings, the provider's bookings and the time now"
              + " as they are). Saves nothing. At most "
              + FindAvailableSlotsQuery.MAX_DAYS
              + " days; an unknown service is 404.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  SlotsResponse preview(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @Parameter(description = "the service whose slots to preview")
          @RequestParam
          @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
          String serviceId,
      @Parameter(description = "first local date, e.g. 2026-03-28")
          @RequestParam
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate from,
      @Parameter(description = "last local date (included), e.g. 2026-04-03")
          @RequestParam
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate to,
      @Valid @RequestBody ScheduleRequest request) {
    WireFormats.requireCalendarDate(from, "from");
    WireFormats.requireCalendarDate(to, "to");
    return SlotsResponse.of(
        queries.find(
            new PreviewSlotsQuery(
                providerId, serviceId, from, to, request.weeklyHours(), request.dateOverrides()),
            AvailableSlots.class));
  }

  @Public
  @GetMapping("/api/v1/providers/{providerId}/availability")
  @Operation(summary = "The schedule as stored, with the provider's timeZone")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  ScheduleResponse schedule(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId) {
    return queries
        .findOptional(new FindScheduleQuery(providerId), ScheduleView.class)
        .map(ScheduleResponse::of)
        .orElseThrow(() -> ApiProblem.notFound("There is no provider " + providerId));
  }
}
