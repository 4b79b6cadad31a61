package io.calisera.command.booking;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingConfirmedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingState;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.booking.CompleteBookingCommand;
import io.calisera.api.booking.ConfirmBookingCommand;
import io.calisera.api.booking.Customer;
import io.calisera.api.booking.DeclineBookingCommand;
import io.calisera.api.booking.MarkNoShowCommand;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.booking.RescheduleBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.schedule.Schedule;
import io.calisera.api.schedule.Slot;
import io.calisera.api.schedule.SlotEngine;
import io.calisera.api.schedule.Verdict;
import io.calisera.command.common.Authority;
import io.calisera.command.common.Rule;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;

/**
 * A provider's calendar: the booking lifecycle's decisions, on what the calendar remembers ({@link
 * Bookings}) and what the provider offers now (its schedule, its services' terms).
 *
 * <p>The provider's aggregate makes one for each command ({@link CalendarHolder#calendar()}, an
 * {@code @AggregateMember}), so Axon routes the booking commands here and every decision runs under
 * the provider's lock, with its events passing the event store's sequence check together with the
 * provider's: that is what keeps two live bookings from overlapping (decision 0002). Placing comes
 * through {@link BookingPlacement}, which also spends the idempotency key.
 */
public final class Calendar {

  private final String providerId;
  private final String ownerAccountId;
  private final Supplier<Schedule> schedule;
  private final Function<String, ServiceTerms> services;
  private final Bookings bookings;

  /**
   * @param schedule the provider's weekly hours and overrides, read in its current zone
   * @param services a service's terms; refuses with {@code NOT_FOUND} a service the provider does
   *     not have
   */
  public Calendar(
      String providerId,
      String ownerAccountId,
      Supplier<Schedule> schedule,
      Function<String, ServiceTerms> services,
      Bookings bookings) {
    this.providerId = providerId;
    this.ownerAccountId = ownerAccountId;
    this.schedule = schedule;
    this.services = services;
    this.bookings = bookings;
  }

  /**
   * Places a booking at a start the slot rules offer now (docs/api.md rule 5). A customer without a
   * zone of their own gets the provider's. The event records the service's reminders as they are
   * now, so that the notification saga reminds at those (decision 0008).
   */
  BookingReceipt place(PlaceBookingCommand command) {
    Actor actor = command.actor();
    if (command.customerAccountId() != null
        && !command.customerAccountId().equals(actor.accountId())
        && !Authority.isPlatform(actor)) {
      throw RefusedException.of(
          RefusalCode.FORBIDDEN, "a customer books for their own account only");
    }
    if (bookings.contains(command.bookingId())) {
      throw RefusedException.of(
          RefusalCode.INVALID_STATE, "booking " + command.bookingId() + " already exists");
    }
    ServiceTerms terms = bookableService(command.serviceId());
    Schedule offered = schedule.get();
    Slot slot = offeredSlot(offered, terms, command.at(), command.start(), null);
    Customer customer = command.customer().withDefaultZone(offered.zone());
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
            customer,
            command.customerAccountId(),
            command.notes(),
            actor.accountId(),
            command.at(),
            terms.reminderMinutes()));
    return new BookingReceipt(
        command.bookingId(),
        providerId,
        command.serviceId(),
        status,
        slot.start(),
        slot.end(),
        customer.timeZone(),
        false);
  }

  /**
   * Moves a live booking to a slot its service offers now, in one event: the old range is freed
   * only by the move itself, and the booking does not block its own new time. The new slot takes
   * the service's current duration, buffers and reminders (the slot list shows those); the booking
   * keeps its cancellation notice and status.
   */
  @CommandHandler
  void handle(RescheduleBookingCommand command) {
    BookingState booking = booking(command.bookingId(), command.at());
    Rule.enforce(request(command.actor(), command.at(), booking), BookingRule.RESCHEDULING);
    ServiceTerms terms = bookableService(booking.serviceId());
    Slot slot =
        offeredSlot(schedule.get(), terms, command.at(), command.start(), booking.bookingId());
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
            command.at(),
            terms.reminderMinutes()));
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
    Rule.enforce(request(command.actor(), command.at(), booking), BookingRule.CONFIRMING);
    apply(
        new BookingConfirmedEvent(
            providerId, booking.bookingId(), command.actor().accountId(), command.at()));
  }

  @CommandHandler
  void handle(DeclineBookingCommand command) {
    BookingState booking = booking(command.bookingId(), command.at());
    Rule.enforce(request(command.actor(), command.at(), booking), BookingRule.DECLINING);
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

  /**
   * A service that takes bookings. A deactivated one offers no slots (the slot list is empty), so a
   * start for it is refused like any start the slot list would not show: {@code NOT_A_SLOT}.
   */
  private ServiceTerms bookableService(String serviceId) {
    ServiceTerms terms = services.apply(serviceId);
    if (!terms.active()) {
      throw RefusedException.of(
          RefusalCode.NOT_A_SLOT, "service " + serviceId + " no longer takes bookings");
    }
    return terms;
  }

  /** Contract rule 5: the slot starting at {@code start}, or the slot engine's refusal. */
  private Slot offeredSlot(
      Schedule offered, ServiceTerms terms, Instant at, Instant start, String movingBookingId) {
    Verdict verdict =
        SlotEngine.check(offered, terms.slots(), bookings.liveRanges(), at, start, movingBookingId);
    if (verdict instanceof Verdict.Refused refused) {
      throw RefusedException.of(
          refused.reason().code(), start + " is not bookable: " + refused.reason());
    }
    return ((Verdict.Accepted) verdict).slot();
  }

  /** A booking the calendar still remembers at {@code at}. */
  private BookingState booking(String bookingId, Instant at) {
    return bookings
        .rememberedAt(bookingId, at)
        .orElseThrow(
            () ->
                RefusedException.of(
                    RefusalCode.NOT_FOUND,
                    "provider " + providerId + " has no booking " + bookingId));
  }

  private BookingRequest request(Actor actor, Instant at, BookingState booking) {
    return new BookingRequest(actor, at, booking, ownerAccountId);
  }
}
