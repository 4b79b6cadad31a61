package io.calisera.command.provider;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.provider.AddServiceCommand;
import io.calisera.api.provider.ChangeServiceCommand;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.api.provider.DeactivateServiceCommand;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ProviderProfileUpdatedEvent;
import io.calisera.api.provider.ReplaceScheduleCommand;
import io.calisera.api.provider.ScheduleReplacedEvent;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.api.provider.UpdateProviderProfileCommand;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.Schedule;
import io.calisera.api.schedule.WeeklyHours;
import io.calisera.command.booking.Bookings;
import io.calisera.command.booking.Calendar;
import io.calisera.command.booking.CalendarHolder;
import io.calisera.command.booking.ServiceTerms;
import io.calisera.command.common.Authority;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A provider and its calendar: the consistency boundary of bookings (decision 0002). One aggregate
 * handles every command that changes the calendar, so that the per-aggregate lock and the event
 * store's sequence check make "no two live bookings overlap" hold however many requests and
 * instances race. It holds what decisions need: here its owner, slug, time zone, services' terms
 * and schedule, with the commands about them; in its members (package {@code booking}) the bookings
 * it still remembers ({@link Bookings}) and the booking lifecycle's commands ({@link Calendar}).
 *
 * <p>Snapshot revision 2: the bookings moved into {@link Bookings}. Axon reads only snapshots of
 * this revision (its revision filter) and rebuilds a provider from its events when the latest
 * snapshot is older.
 */
@Aggregate(repository = "providerRepository")
@Revision("2")
class Provider implements CalendarHolder {

  @AggregateIdentifier private String providerId;
  private String ownerAccountId;
  private String slug;
  private ZoneId timeZone;
  private List<WeeklyHours> weekly = List.of();
  private List<DateOverride> overrides = List.of();
  private Map<String, ServiceTerms> services = new HashMap<>();
  @AggregateMember private Bookings bookings = new Bookings();

  Provider() {}

  /** Creates the provider once its slug is claimed ({@link ProviderRegistration}). */
  Provider(CreateProviderCommand command, String claimedSlug) {
    apply(
        new ProviderCreatedEvent(
            command.providerId(),
            command.actor().accountId(),
            command.displayName(),
            claimedSlug,
            command.timeZone(),
            command.bio(),
            command.category(),
            command.city(),
            command.actor().accountId(),
            command.at()));
  }

  // ---- profile ({@link ProviderRegistration} handles the commands: the slug is another aggregate)

  /** The current slug, for an actor allowed to change the profile. */
  String slugForProfileChangeBy(Actor actor) {
    requireOwner(actor, "change the profile");
    return slug;
  }

  /**
   * Replaces the profile; a new zone reinterprets the weekly hours, bookings keep their instants.
   */
  void updateProfile(UpdateProviderProfileCommand command, String newSlug) {
    requireOwner(command.actor(), "change the profile");
    apply(
        new ProviderProfileUpdatedEvent(
            providerId,
            command.displayName(),
            newSlug,
            command.timeZone(),
            command.bio(),
            command.category(),
            command.city(),
            command.actor().accountId(),
            command.at()));
  }

  // ---- services

  @CommandHandler
  void handle(AddServiceCommand command) {
    requireOwner(command.actor(), "add services");
    if (services.containsKey(command.serviceId())) {
      throw RefusedException.of(
          RefusalCode.INVALID_STATE, "service " + command.serviceId() + " already exists");
    }
    apply(
        new ServiceAddedEvent(
            providerId,
            command.serviceId(),
            command.definition(),
            command.actor().accountId(),
            command.at()));
  }

  /** New settings apply to bookings placed from now on; placed bookings keep theirs. */
  @CommandHandler
  void handle(ChangeServiceCommand command) {
    requireOwner(command.actor(), "change services");
    if (!service(command.serviceId()).active()) {
      throw RefusedException.of(
          RefusalCode.INVALID_STATE, "service " + command.serviceId() + " is deactivated");
    }
    apply(
        new ServiceChangedEvent(
            providerId,
            command.serviceId(),
            command.definition(),
            command.actor().accountId(),
            command.at()));
  }

  /** No new bookings for the service; its bookings stay. Deactivating twice stores nothing. */
  @CommandHandler
  void handle(DeactivateServiceCommand command) {
    requireOwner(command.actor(), "deactivate services");
    if (service(command.serviceId()).active()) {
      apply(
          new ServiceDeactivatedEvent(
              providerId, command.serviceId(), command.actor().accountId(), command.at()));
    }
  }

  // ---- schedule

  @CommandHandler
  void handle(ReplaceScheduleCommand command) {
    requireOwner(command.actor(), "change the schedule");
    apply(
        new ScheduleReplacedEvent(
            providerId,
            command.weekly(),
            command.overrides(),
            command.actor().accountId(),
            command.at()));
  }

  // ---- bookings

  /**
   * The calendar, made afresh for each command with the provider as it is now. An aggregate member
   * made by a method rather than held in a field: its decisions read the schedule and the services'
   * terms kept here, and what it remembers of bookings is the {@link Bookings} member, so the
   * snapshot holds each piece of state once.
   */
  @Override
  @AggregateMember
  public Calendar calendar() {
    return new Calendar(providerId, ownerAccountId, this::schedule, this::service, bookings);
  }

  // ---- decisions' helpers

  private void requireOwner(Actor actor, String what) {
    if (!Authority.actsAsOwner(actor, ownerAccountId)) {
      throw RefusedException.of(
          RefusalCode.FORBIDDEN, "only the provider's owner may " + what + " of " + providerId);
    }
  }

  private ServiceTerms service(String serviceId) {
    ServiceTerms terms = services.get(serviceId);
    if (terms == null) {
      throw RefusedException.of(
          RefusalCode.NOT_FOUND, "provider " + providerId + " has no service " + serviceId);
    }
    return terms;
  }

  /** The weekly hours and overrides read in the provider's current zone. */
  private Schedule schedule() {
    return new Schedule(timeZone, weekly, overrides);
  }

  // ---- state: event-sourcing handlers only assign

  @EventSourcingHandler
  void on(ProviderCreatedEvent event) {
    providerId = event.providerId();
    ownerAccountId = event.ownerAccountId();
    slug = event.slug();
    timeZone = event.timeZone();
  }

  @EventSourcingHandler
  void on(ProviderProfileUpdatedEvent event) {
    slug = event.slug();
    timeZone = event.timeZone();
  }

  @EventSourcingHandler
  void on(ServiceAddedEvent event) {
    services.put(event.serviceId(), ServiceTerms.of(event.definition()));
  }

  @EventSourcingHandler
  void on(ServiceChangedEvent event) {
    services.put(event.serviceId(), ServiceTerms.of(event.definition()));
  }

  @EventSourcingHandler
  void on(ServiceDeactivatedEvent event) {
    services.computeIfPresent(event.serviceId(), (id, terms) -> terms.deactivated());
  }

  @EventSourcingHandler
  void on(ScheduleReplacedEvent event) {
    weekly = List.copyOf(event.weekly());
    overrides = List.copyOf(event.overrides());
  }
}
