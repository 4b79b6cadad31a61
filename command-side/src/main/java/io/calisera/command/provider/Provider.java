package io.calisera.command.provider;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingConfirmedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.booking.CompleteBookingCommand;
import io.calisera.api.booking.ConfirmBookingCommand;
import io.calisera.api.booking.DeclineBookingCommand;
import io.calisera.api.booking.MarkNoShowCommand;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.booking.RescheduleBookingCommand;
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
import io.calisera.api.schedule.BookedRange;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.Schedule;
import io.calisera.api.schedule.Slot;
import io.calisera.api.schedule.SlotEngine;
import io.calisera.api.schedule.Verdict;
import io.calisera.api.schedule.WeeklyHours;
import io.calisera.command.booking.BookingRequest;
import io.calisera.command.booking.BookingRule;
import io.calisera.command.booking.BookingState;
import io.calisera.command.common.Authority;
import io.calisera.command.common.Rule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A provider and its calendar: the consistency boundary of bookings (decision 0002). It holds what
 * decisions need (owner, slug, time zone, services' terms, schedule, bookings still remembered) and
 * handles every command that changes the calendar, so that the per-aggregate lock and the event
 * store's sequence check make "no two live bookings overlap" hold however many requests and
 * instances race.
 */
@Aggregate(repository = "providerRepository")
class Provider {

  /**
   * How long after its end the calendar still remembers a booking. Within it, a repeated or late
   * transition gets its proper answer ({@code INVALID_STATE}, a closed window) and complete and
   * no-show stay possible; after it, the booking is forgotten (the events keep it for good) and
   * commands about it are refused with {@code NOT_FOUND}. So the state holds the bookings of the
   * last 30 days and the booking horizon, not the whole history.
   */
  static final Duration REMEMBERED_AFTER_END = Duration.ofDays(30);

  @AggregateIdentifier private String providerId;
  private String ownerAccountId;
  private String slug;
  private ZoneId timeZone;
  private List<WeeklyHours> weekly = List.of();
  private List<DateOverride> overrides = List.of();
  private Map<String, ServiceTerms> services = new HashMap<>();
  private Map<String, BookingState> bookings = new HashMap<>();

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
   * Places a booking at a start the slot rules offer now (contract rule 5); {@link
   * BookingPlacement} handles the command, with its idempotency key.
   */
  BookingReceipt place(PlaceBookingCommand command) {
    Actor actor = command.actor();
    if (command.customerAccountId() != null
        && !command.customerAccountId().equals(actor.accountId())
        && !Authority.isPlatform(actor)) {
      throw RefusedException.of(
          RefusalCode.FORBIDDEN, "a customer books for their own account only");
    }
    if (bookings.containsKey(command.bookingId())) {
      throw RefusedException.of(
          RefusalCode.INVALID_STATE, "booking " + command.bookingId() + " already exists");
    }
    ServiceTerms terms = bookableService(command.serviceId());
    Slot slot = offeredSlot(terms, command.at(), command.start(), null);
    BookingStatus status =
        terms.requiresConfirmation() ? BookingStatus.PENDING : BookingStatus.CONFIRMED;
    apply(
        new BookingPlacedEvent(
            providerId,
            command.bookingId(),
            command.serviceId(),
            slot.start(),
            slot.end(),
            terms.slots().bufferBeforeMinutes(),
            terms.slots().bufferAfterMinutes(),
            terms.cancellationNoticeMinutes(),
            status,
            command.customer(),
            command.customerAccountId(),
            command.notes(),
            actor.accountId(),
            command.at()));
    return new BookingReceipt(
        command.bookingId(),
        providerId,
        command.serviceId(),
        status,
        slot.start(),
        slot.end(),
        false);
  }

  /**
   * Moves a live booking to a slot its service offers now, in one event: the old range is freed
   * only by the move itself, and the booking does not block its own new time. The new slot takes
   * the service's current duration and buffers (the slot list shows those); the booking keeps its
   * cancellation notice and status.
   */
  @CommandHandler
  BookingReceipt handle(RescheduleBookingCommand command) {
    BookingState booking = booking(command.bookingId(), command.at());
    Rule.enforce(request(command.actor(), command.at(), booking), BookingRule.RESCHEDULING);
    ServiceTerms terms = bookableService(booking.serviceId());
    Slot slot = offeredSlot(terms, command.at(), command.start(), booking.bookingId());
    apply(
        new BookingRescheduledEvent(
            providerId,
            booking.bookingId(),
            booking.start(),
            booking.end(),
            slot.start(),
            slot.end(),
            terms.slots().bufferBeforeMinutes(),
            terms.slots().bufferAfterMinutes(),
            command.reason(),
            command.actor().accountId(),
            command.at()));
    return new BookingReceipt(
        booking.bookingId(),
        providerId,
        booking.serviceId(),
        booking.status(),
        slot.start(),
        slot.end(),
        false);
  }

  @CommandHandler
  void handle(CancelBookingCommand command) {
    BookingState booking = booking(command.bookingId(), command.at());
    Rule.enforce(request(command.actor(), command.at(), booking), BookingRule.CANCELLING);
    apply(
        new BookingCancelledEvent(
            providerId,
            booking.bookingId(),
            command.reason(),
            command.actor().accountId(),
            command.at()));
  }

  @CommandHandler
  void handle(ConfirmBookingCommand command) {
    BookingState booking = booking(command.bookingId(), command.at());
    Rule.enforce(request(command.actor(), command.at(), booking), BookingRule.ANSWERING);
    apply(
        new BookingConfirmedEvent(
            providerId, booking.bookingId(), command.actor().accountId(), command.at()));
  }

  @CommandHandler
  void handle(DeclineBookingCommand command) {
    BookingState booking = booking(command.bookingId(), command.at());
    Rule.enforce(request(command.actor(), command.at(), booking), BookingRule.ANSWERING);
    apply(
        new BookingDeclinedEvent(
            providerId,
            booking.bookingId(),
            command.reason(),
            command.actor().accountId(),
            command.at()));
  }

  @CommandHandler
  void handle(CompleteBookingCommand command) {
    BookingState booking = booking(command.bookingId(), command.at());
    Rule.enforce(request(command.actor(), command.at(), booking), BookingRule.CLOSING);
    apply(
        new BookingCompletedEvent(
            providerId, booking.bookingId(), command.actor().accountId(), command.at()));
  }

  @CommandHandler
  void handle(MarkNoShowCommand command) {
    BookingState booking = booking(command.bookingId(), command.at());
    Rule.enforce(request(command.actor(), command.at(), booking), BookingRule.CLOSING);
    apply(
        new BookingMarkedNoShowEvent(
            providerId, booking.bookingId(), command.actor().accountId(), command.at()));
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

  /**
   * A service that takes bookings. A deactivated one offers no slots (the slot list is empty), so a
   * start for it is refused like any start the slot list would not show: {@code NOT_A_SLOT}.
   */
  private ServiceTerms bookableService(String serviceId) {
    ServiceTerms terms = service(serviceId);
    if (!terms.active()) {
      throw RefusedException.of(
          RefusalCode.NOT_A_SLOT, "service " + serviceId + " no longer takes bookings");
    }
    return terms;
  }

  /** Contract rule 5: the slot starting at {@code start}, or the slot engine's refusal. */
  private Slot offeredSlot(ServiceTerms terms, Instant at, Instant start, String movingBookingId) {
    Verdict verdict =
        SlotEngine.check(schedule(), terms.slots(), liveRanges(), at, start, movingBookingId);
    if (verdict instanceof Verdict.Refused refused) {
      throw RefusedException.of(
          refused.reason().code(), start + " is not bookable: " + refused.reason());
    }
    return ((Verdict.Accepted) verdict).slot();
  }

  /** The weekly hours and overrides read in the provider's current zone. */
  private Schedule schedule() {
    return new Schedule(timeZone, weekly, overrides);
  }

  private List<BookedRange> liveRanges() {
    return bookings.values().stream()
        .filter(BookingState::isLive)
        .map(BookingState::range)
        .toList();
  }

  /** A booking the calendar still remembers at {@code at}. */
  private BookingState booking(String bookingId, Instant at) {
    BookingState booking = bookings.get(bookingId);
    if (booking == null || isForgottenAt(booking, at)) {
      throw RefusedException.of(
          RefusalCode.NOT_FOUND, "provider " + providerId + " has no booking " + bookingId);
    }
    return booking;
  }

  private BookingRequest request(Actor actor, Instant at, BookingState booking) {
    return new BookingRequest(actor, at, booking, ownerAccountId);
  }

  private static boolean isForgottenAt(BookingState booking, Instant at) {
    return booking.end().plus(REMEMBERED_AFTER_END).isBefore(at);
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
    forgetOldBookings(event.at());
  }

  @EventSourcingHandler
  void on(ServiceAddedEvent event) {
    services.put(event.serviceId(), ServiceTerms.of(event.definition()));
    forgetOldBookings(event.at());
  }

  @EventSourcingHandler
  void on(ServiceChangedEvent event) {
    services.put(event.serviceId(), ServiceTerms.of(event.definition()));
    forgetOldBookings(event.at());
  }

  @EventSourcingHandler
  void on(ServiceDeactivatedEvent event) {
    services.computeIfPresent(event.serviceId(), (id, terms) -> terms.deactivated());
    forgetOldBookings(event.at());
  }

  @EventSourcingHandler
  void on(ScheduleReplacedEvent event) {
    weekly = List.copyOf(event.weekly());
    overrides = List.copyOf(event.overrides());
    forgetOldBookings(event.at());
  }

  @EventSourcingHandler
  void on(BookingPlacedEvent event) {
    bookings.put(event.bookingId(), BookingState.placed(event));
    forgetOldBookings(event.at());
  }

  @EventSourcingHandler
  void on(BookingRescheduledEvent event) {
    bookings.computeIfPresent(event.bookingId(), (id, booking) -> booking.rescheduled(event));
    forgetOldBookings(event.at());
  }

  @EventSourcingHandler
  void on(BookingConfirmedEvent event) {
    changeStatus(event.bookingId(), BookingStatus.CONFIRMED, event.at());
  }

  @EventSourcingHandler
  void on(BookingDeclinedEvent event) {
    changeStatus(event.bookingId(), BookingStatus.DECLINED, event.at());
  }

  @EventSourcingHandler
  void on(BookingCancelledEvent event) {
    changeStatus(event.bookingId(), BookingStatus.CANCELLED, event.at());
  }

  @EventSourcingHandler
  void on(BookingCompletedEvent event) {
    changeStatus(event.bookingId(), BookingStatus.COMPLETED, event.at());
  }

  @EventSourcingHandler
  void on(BookingMarkedNoShowEvent event) {
    changeStatus(event.bookingId(), BookingStatus.NO_SHOW, event.at());
  }

  private void changeStatus(String bookingId, BookingStatus status, Instant at) {
    bookings.computeIfPresent(bookingId, (id, booking) -> booking.withStatus(status));
    forgetOldBookings(at);
  }

  /**
   * Keeps the state bounded: a booking is dropped {@link #REMEMBERED_AFTER_END} after its end, as
   * of each event's business time, so replaying the same events always gives the same state.
   */
  private void forgetOldBookings(Instant at) {
    bookings.values().removeIf(booking -> isForgottenAt(booking, at));
  }
}
