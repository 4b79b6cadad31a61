package io.calisera.command.booking;

import io.calisera.api.booking.BookingState;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.command.common.Rule;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a booking's lifecycle (docs/api.md, "Bookings"), one constant each, and the lists
 * that each command must pass, in the order that decides which refusal wins.
 */
enum BookingRule implements Rule<BookingRequest> {

  /** Confirm, decline, complete, no-show: the provider's owner only. */
  ACTOR_IS_OWNER {
    @Override
    public Optional<Refusal> check(BookingRequest request) {
      return request.byOwner()
          ? Optional.empty()
          : refuse(RefusalCode.FORBIDDEN, "only the provider's owner may do this");
    }
  },

  /** Cancel, reschedule: the owner, or the booking's customer (or its guest). */
  ACTOR_IS_OWNER_OR_CUSTOMER {
    @Override
    public Optional<Refusal> check(BookingRequest request) {
      return request.byOwner() || request.byCustomer()
          ? Optional.empty()
          : refuse(
              RefusalCode.FORBIDDEN, "only the booking's customer or the provider's owner may");
    }
  },

  /** Only a {@code PENDING} or {@code CONFIRMED} booking can be cancelled or moved. */
  BOOKING_IS_LIVE {
    @Override
    public Optional<Refusal> check(BookingRequest request) {
      return request.booking().isLive() ? Optional.empty() : notIn(request, "PENDING or CONFIRMED");
    }
  },

  /** Confirm and decline answer a booking that waits for an answer. */
  BOOKING_IS_PENDING {
    @Override
    public Optional<Refusal> check(BookingRequest request) {
      return request.booking().status() == BookingStatus.PENDING
          ? Optional.empty()
          : notIn(request, "PENDING");
    }
  },

  /** Complete and no-show end a booking that was confirmed. */
  BOOKING_IS_CONFIRMED {
    @Override
    public Optional<Refusal> check(BookingRequest request) {
      return request.booking().status() == BookingStatus.CONFIRMED
          ? Optional.empty()
          : notIn(request, "CONFIRMED");
    }
  },

  /**
   * Confirm only before the start: from the start on, a booking still {@code PENDING} is the
   * platform's to decline (docs/api.md: "declined automatically then"), whenever that decline is
   * recorded.
   */
  BOOKING_HAS_NOT_STARTED {
    @Override
    public Optional<Refusal> check(BookingRequest request) {
      return request.at().isBefore(request.booking().start())
          ? Optional.empty()
          : refuse(
              RefusalCode.INVALID_STATE,
              "booking "
                  + request.booking().bookingId()
                  + " started unanswered; it can no longer be confirmed");
    }
  },

  /** Complete and no-show only once the appointment has begun. */
  BOOKING_HAS_STARTED {
    @Override
    public Optional<Refusal> check(BookingRequest request) {
      return request.at().isBefore(request.booking().start())
          ? refuse(
              RefusalCode.INVALID_STATE,
              "booking " + request.booking().bookingId() + " has not started yet")
          : Optional.empty();
    }
  },

  /**
   * Customers cancel until {@code start - cancellationNotice} (that instant included); the owner
   * until the booking's end.
   */
  CANCELLATION_WINDOW_OPEN {
    @Override
    public Optional<Refusal> check(BookingRequest request) {
      BookingState booking = request.booking();
      if (request.byOwner()) {
        return request.at().isBefore(booking.end())
            ? Optional.empty()
            : closed("the booking has ended");
      }
      return customerWindow(request);
    }
  },

  /** Customers move a booking until {@code start - cancellationNotice}; the owner at any time. */
  RESCHEDULE_WINDOW_OPEN {
    @Override
    public Optional<Refusal> check(BookingRequest request) {
      return request.byOwner() ? Optional.empty() : customerWindow(request);
    }
  };

  static final List<BookingRule> CANCELLING =
      List.of(ACTOR_IS_OWNER_OR_CUSTOMER, BOOKING_IS_LIVE, CANCELLATION_WINDOW_OPEN);
  static final List<BookingRule> RESCHEDULING =
      List.of(ACTOR_IS_OWNER_OR_CUSTOMER, BOOKING_IS_LIVE, RESCHEDULE_WINDOW_OPEN);
  static final List<BookingRule> CONFIRMING =
      List.of(ACTOR_IS_OWNER, BOOKING_IS_PENDING, BOOKING_HAS_NOT_STARTED);
  static final List<BookingRule> DECLINING = List.of(ACTOR_IS_OWNER, BOOKING_IS_PENDING);
  static final List<BookingRule> CLOSING =
      List.of(ACTOR_IS_OWNER, BOOKING_IS_CONFIRMED, BOOKING_HAS_STARTED);

  private static Optional<Refusal> customerWindow(BookingRequest request) {
    return request.at().isAfter(request.booking().customerDeadline())
        ? closed(
            "customers may change this booking until "
                + request.booking().customerDeadline()
                + " ("
                + request.booking().cancellationNoticeMinutes()
                + " minutes before its start)")
        : Optional.empty();
  }

  private static Optional<Refusal> closed(String why) {
    return refuse(RefusalCode.CANCELLATION_WINDOW_CLOSED, why);
  }

  private static Optional<Refusal> notIn(BookingRequest request, String expected) {
    return refuse(
        RefusalCode.INVALID_STATE,
        "booking "
            + request.booking().bookingId()
            + " is "
            + request.booking().status()
            + ", not "
            + expected);
  }

  private static Optional<Refusal> refuse(RefusalCode code, String message) {
    return Optional.of(new Refusal(code, message));
  }
}
