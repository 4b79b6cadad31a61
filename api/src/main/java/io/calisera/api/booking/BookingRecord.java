package io.calisera.api.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A booking as its readers see it: its {@link BookingState} folded by {@link BookingState#after},
 * what placing it said (customer, notes, when) and one history entry per event. The query side
 * keeps it in its read model; the audit rebuilds it as of an instant from the events up to then.
 *
 * @param history oldest first
 */
public record BookingRecord(
    String providerId,
    BookingState state,
    Customer customer,
    String notes,
    Instant createdAt,
    List<BookingView.HistoryEntry> history) {

  public BookingRecord {
    history = List.copyOf(history);
  }

  /**
   * The booking after {@code event}.
   *
   * @param before {@code null} when there was none
   * @return {@code null} for an event about a booking that was never placed
   */
  public static BookingRecord after(BookingRecord before, BookingEvent event) {
    BookingState state = BookingState.after(before == null ? null : before.state, event);
    if (state == null) {
      return null;
    }
    BookingView.HistoryEntry entry =
        new BookingView.HistoryEntry(event.at(), type(event), event.by());
    if (event instanceof BookingPlacedEvent placed) {
      return new BookingRecord(
          placed.providerId(),
          state,
          placed.customer(),
          placed.notes(),
          placed.at(),
          List.of(entry));
    }
    List<BookingView.HistoryEntry> history = new ArrayList<>(before.history);
    history.add(entry);
    return new BookingRecord(
        before.providerId, state, before.customer, before.notes, before.createdAt, history);
  }

  /**
   * Folds a booking's events, oldest first.
   *
   * @return empty when they do not include its placing
   */
  public static Optional<BookingRecord> replay(List<? extends BookingEvent> events) {
    BookingRecord booking = null;
    for (BookingEvent event : events) {
      booking = after(booking, event);
    }
    return Optional.ofNullable(booking);
  }

  /**
   * What the history calls the event: {@code PLACED}, {@code RESCHEDULED}, {@code CONFIRMED},
   * {@code DECLINED}, {@code CANCELLED}, {@code COMPLETED}, {@code NO_SHOW}.
   */
  public static String type(BookingEvent event) {
    if (event instanceof BookingPlacedEvent) {
      return "PLACED";
    }
    if (event instanceof BookingRescheduledEvent) {
      return "RESCHEDULED";
    }
    if (event instanceof BookingConfirmedEvent) {
      return "CONFIRMED";
    }
    if (event instanceof BookingDeclinedEvent) {
      return "DECLINED";
    }
    if (event instanceof BookingCancelledEvent) {
      return "CANCELLED";
    }
    if (event instanceof BookingCompletedEvent) {
      return "COMPLETED";
    }
    if (event instanceof BookingMarkedNoShowEvent) {
      return "NO_SHOW";
    }
    throw new IllegalArgumentException("not a booking event: " + event);
  }

  public BookingView view() {
    return new BookingView(
        state.bookingId(),
        state.status(),
        providerId,
        state.serviceId(),
        state.start(),
        state.end(),
        customer,
        state.customerAccountId(),
        notes,
        createdAt,
        history);
  }
}
