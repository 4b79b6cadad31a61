package io.calisera.command.booking;

import io.calisera.api.booking.BookingEvent;
import io.calisera.api.booking.BookingState;
import io.calisera.api.provider.ProviderProfileUpdatedEvent;
import io.calisera.api.provider.ScheduleReplacedEvent;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.api.schedule.BookedRange;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * What a provider's calendar remembers of its bookings: of each, what later decisions need ({@link
 * BookingState}). A member of the provider's aggregate, kept by its own event-sourcing handlers and
 * stored in the provider's snapshots.
 */
public final class Bookings {

  /**
   * How long after its end the calendar still remembers a booking. Within it, a repeated or late
   * transition gets its proper answer ({@code INVALID_STATE}, a closed window) and complete and
   * no-show stay possible; after it, the booking is forgotten (the events keep it for good) and
   * commands about it are refused with {@code NOT_FOUND}. So the state holds the bookings of the
   * last 30 days and the booking horizon, not the whole history.
   */
  static final Duration REMEMBERED_AFTER_END = Duration.ofDays(30);

  private Map<String, BookingState> byId = new HashMap<>();

  boolean contains(String bookingId) {
    return byId.containsKey(bookingId);
  }

  /** The booking, if the calendar still remembers it at {@code at}. */
  Optional<BookingState> rememberedAt(String bookingId, Instant at) {
    return Optional.ofNullable(byId.get(bookingId)).filter(booking -> !isForgottenAt(booking, at));
  }

  /** What the slot engine must keep free: the ranges of the live bookings. */
  List<BookedRange> liveRanges() {
    return byId.values().stream().filter(BookingState::isLive).map(BookingState::range).toList();
  }

  private static boolean isForgottenAt(BookingState booking, Instant at) {
    return booking.end().plus(REMEMBERED_AFTER_END).isBefore(at);
  }

  // ---- event-sourcing handlers only assign

  /**
   * How the booking changes is {@link BookingState#after}'s to say; forgetting is the calendar's.
   */
  @EventSourcingHandler
  void on(BookingEvent event) {
    byId.compute(event.bookingId(), (id, before) -> BookingState.after(before, event));
    forgetOldBookings(event.at());
  }

  // the provider's own events: only their business time matters here

  @EventSourcingHandler
  void on(ProviderProfileUpdatedEvent event) {
    forgetOldBookings(event.at());
  }

  @EventSourcingHandler
  void on(ServiceAddedEvent event) {
    forgetOldBookings(event.at());
  }

  @EventSourcingHandler
  void on(ServiceChangedEvent event) {
    forgetOldBookings(event.at());
  }

  @EventSourcingHandler
  void on(ServiceDeactivatedEvent event) {
    forgetOldBookings(event.at());
  }

  @EventSourcingHandler
  void on(ScheduleReplacedEvent event) {
    forgetOldBookings(event.at());
  }

  /**
   * Keeps the state bounded: a booking is dropped {@link #REMEMBERED_AFTER_END} after its end, as
   * of each event's business time, so replaying the same events always gives the same state.
   */
  private void forgetOldBookings(Instant at) {
    byId.values().removeIf(booking -> isForgottenAt(booking, at));
  }
}
