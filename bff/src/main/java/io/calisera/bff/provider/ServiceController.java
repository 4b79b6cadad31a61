package io.calisera.bff.provider;

import io.calisera.api.common.Actor;
import io.calisera.api.provider.AddServiceCommand;
import io.calisera.api.provider.ChangeServiceCommand;
import io.calisera.api.provider.DeactivateServiceCommand;
import io.calisera.api.provider.FindServicesQuery;
import io.calisera.api.provider.Money;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.provider.ServiceList;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.bff.auth.CurrentActor;
import io.calisera.bff.gateway.CommandSender;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.gateway.ReadYourWrites;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.Ids;
import io.calisera.bff.web.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A provider's services: the owner adds, replaces and deactivates them. */
@RestController
@Tag(name = "Providers and services")
class ServiceController {

  private final CommandSender commands;
  private final QuerySender queries;
  private final ReadYourWrites readYourWrites;
  private final Clock clock;

  ServiceController(
      CommandSender commands, QuerySender queries, ReadYourWrites readYourWrites, Clock clock) {
    this.commands = commands;
    this.queries = queries;
    this.readYourWrites = readYourWrites;
    this.clock = clock;
  }

  /**
   * A service's settings, within the contract's limits; absent optional ones take defaults.
   *
   * @param reminderMinutes minutes before the start at which the customer is reminded; absent: 1440
   *     and 60; empty: none; no value twice (the api's {@code ServiceDefinition} checks that)
   */
  record ServiceRequest(
      @NotBlank @Size(max = 200) String name,
      @NotNull @Min(SlotSettings.MIN_DURATION_MINUTES) @Max(SlotSettings.MAX_DURATION_MINUTES)
          Integer durationMinutes,
      @Valid PriceRequest price,
      @Min(0) @Max(SlotSettings.MAX_BUFFER_MINUTES) Integer bufferBeforeMinutes,
      @Min(0) @Max(SlotSettings.MAX_BUFFER_MINUTES) Integer bufferAfterMinutes,
      @Min(SlotSettings.MIN_SLOT_INTERVAL_MINUTES) @Max(SlotSettings.MAX_SLOT_INTERVAL_MINUTES)
          Integer slotIntervalMinutes,
      @Min(0) @Max(SlotSettings.MAX_MINIMUM_NOTICE_MINUTES) Integer minimumNoticeMinutes,
      @Min(SlotSettings.MIN_DAYS_IN_ADVANCE) @Max(SlotSettings.MAX_DAYS_IN_ADVANCE)
          Integer maxDaysInAdvance,
      @Min(0) @Max(ServiceDefinition.MAX_CANCELLATION_NOTICE_MINUTES)
          Integer cancellationNoticeMinutes,
      Boolean requiresConfirmation,
      @Size(max = ServiceDefinition.MAX_REMINDERS)
          List<
                  @NotNull @Min(ServiceDefinition.MIN_REMINDER_MINUTES)
                  @Max(ServiceDefinition.MAX_REMINDER_MINUTES) Integer>
              reminderMinutes) {

    ServiceDefinition definition() {
      return new ServiceDefinition(
          name.trim(),
          SlotSettings.withDefaults(
              durationMinutes,
              bufferBeforeMinutes,
              bufferAfterMinutes,
              slotIntervalMinutes,
              minimumNoticeMinutes,
              maxDaysInAdvance),
          price == null ? null : price.money(),
          cancellationNoticeMinutes == null ? 0 : cancellationNoticeMinutes,
          Boolean.TRUE.equals(requiresConfirmation),
          reminderMinutes);
    }
  }

  /** Informational: {@code {"amount": "45.00", "currency": "EUR"}}. */
  record PriceRequest(
      @NotNull
          @Pattern(
              regexp = "[0-9]{1,9}(\\.[0-9]{1,2})?",
              message = "must be an amount like 45.00 (at most 2 decimals)")
          String amount,
      @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code like EUR")
          String currency) {

    Money money() {
      return new Money(new BigDecimal(amount), currency);
    }
  }

  record ServiceCreated(String serviceId) {}

  @OwnerOnly
  @PostMapping("/api/v1/providers/{providerId}/services")
  @Operation(
      summary = "Add a service",
      description =
          "Limits: durationMinutes 5..720; buffers 0..240 (default 0); slotIntervalMinutes 5..720"
              + " (default: the duration); minimumNoticeMinutes 0..43200 (default 0);"
              + " maxDaysInAdvance 1..730 (default 60); cancellationNoticeMinutes 0..43200"
              + " (default 0); requiresConfirmation default false; reminderMinutes: at most 5"
              + " distinct values 5..43200, minutes before the start (default [1440, 60]; []:"
              + " no reminders).")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  ResponseEntity<ServiceCreated> add(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @Valid @RequestBody ServiceRequest request,
      @CurrentActor Actor actor) {
    String serviceId = UUID.randomUUID().toString();
    commands.send(
        new AddServiceCommand(providerId, serviceId, request.definition(), actor, clock.instant()));
    readYourWrites.awaitReadModels();
    return ResponseEntity.created(
            URI.create("/api/v1/providers/" + providerId + "/services/" + serviceId))
        .body(new ServiceCreated(serviceId));
  }

  @OwnerOnly
  @PutMapping("/api/v1/providers/{providerId}/services/{serviceId}")
  @Operation(
      summary = "Replace a service's settings",
      description =
          "Affects bookings made from now on; existing bookings keep theirs. A deactivated"
              + " service cannot be changed (409 INVALID_STATE). Answers the service.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.INVALID_STATE, ProblemCode.SERVICE_UNAVAILABLE})
  ServiceResponse change(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String serviceId,
      @Valid @RequestBody ServiceRequest request,
      @CurrentActor Actor actor) {
    commands.send(
        new ChangeServiceCommand(
            providerId, serviceId, request.definition(), actor, clock.instant()));
    readYourWrites.awaitReadModels();
    return queries
        .find(new FindServicesQuery(providerId, false), ServiceList.class)
        .services()
        .stream()
        .filter(service -> service.serviceId().equals(serviceId))
        .findFirst()
        .map(ServiceResponse::of)
        .orElseThrow(() -> ApiProblem.notFound("There is no service " + serviceId));
  }

  @OwnerOnly
  @DeleteMapping("/api/v1/providers/{providerId}/services/{serviceId}")
  @Operation(
      summary = "Deactivate a service",
      description =
          "It offers no slots and takes no bookings from now on; existing bookings stay."
              + " Deactivating it again changes nothing.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  ResponseEntity<Void> deactivate(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String serviceId,
      @CurrentActor Actor actor) {
    commands.send(new DeactivateServiceCommand(providerId, serviceId, actor, clock.instant()));
    readYourWrites.awaitReadModels();
    return ResponseEntity.noContent().build();
  }
}
