package io.calisera.command.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calisera.api.booking.BookingState;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.common.Role;
import io.calisera.command.common.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each lifecycle rule on its own. The booking is 10:00-11:00 with 60 minutes' notice. */
class BookingRuleTest {

  private static final Instant START = Instant.parse("2026-06-02T10:00:00Z");
  private static final Instant END = Instant.parse("2026-06-02T11:00:00Z");
  private static final Instant DEADLINE = Instant.parse("2026-06-02T09:00:00Z");

  private static final Actor OWNER = Actor.account("owner", Set.of(Role.PROVIDER));
  private static final Actor CUSTOMER = Actor.account("customer", Set.of(Role.CUSTOMER));
  private static final Actor STRANGER = Actor.account("stranger", Set.of(Role.CUSTOMER));
  private static final Actor ADMIN = Actor.account("admin", Set.of(Role.ADMIN));

  private static BookingState booking(BookingStatus status) {
    return new BookingState("b1", "s1", "customer", START, END, 0, 0, 60, status);
  }

  private static BookingRequest request(Actor actor, Instant at, BookingStatus status) {
    return new BookingRequest(actor, at, booking(status), "owner");
  }

  private static Optional<RefusalCode> code(BookingRule rule, BookingRequest request) {
    return rule.check(request).map(Refusal::code);
  }

  @Test
  void actorIsOwnerAdmitsTheOwnerAnAdminAndThePlatformOnly() {
    BookingRule rule = BookingRule.ACTOR_IS_OWNER;
    assertThat(code(rule, request(OWNER, START, BookingStatus.CONFIRMED))).isEmpty();
    assertThat(code(rule, request(ADMIN, START, BookingStatus.CONFIRMED))).isEmpty();
    assertThat(code(rule, request(Actor.SYSTEM, START, BookingStatus.CONFIRMED))).isEmpty();
    assertThat(code(rule, request(CUSTOMER, START, BookingStatus.CONFIRMED)))
        .contains(RefusalCode.FORBIDDEN);
    assertThat(code(rule, request(Actor.GUEST, START, BookingStatus.CONFIRMED)))
        .contains(RefusalCode.FORBIDDEN);
  }

  @Test
  void actorIsOwnerOrCustomerAdmitsTheBookingsCustomerAndGuestsButNoOtherCustomer() {
    BookingRule rule = BookingRule.ACTOR_IS_OWNER_OR_CUSTOMER;
    assertThat(code(rule, request(OWNER, START, BookingStatus.CONFIRMED))).isEmpty();
    assertThat(code(rule, request(CUSTOMER, START, BookingStatus.CONFIRMED))).isEmpty();
    assertThat(code(rule, request(Actor.GUEST, START, BookingStatus.CONFIRMED))).isEmpty();
    assertThat(code(rule, request(STRANGER, START, BookingStatus.CONFIRMED)))
        .contains(RefusalCode.FORBIDDEN);
  }

  @Test
  void bookingIsLiveOnlyWhenPendingOrConfirmed() {
    for (BookingStatus status : BookingStatus.values()) {
      assertThat(code(BookingRule.BOOKING_IS_LIVE, request(OWNER, START, status)))
          .as(status.name())
          .isEqualTo(status.isLive() ? Optional.empty() : Optional.of(RefusalCode.INVALID_STATE));
    }
  }

  @Test
  void bookingIsPendingOnlyWhenPending() {
    for (BookingStatus status : BookingStatus.values()) {
      assertThat(code(BookingRule.BOOKING_IS_PENDING, request(OWNER, START, status)))
          .as(status.name())
          .isEqualTo(
              status == BookingStatus.PENDING
                  ? Optional.empty()
                  : Optional.of(RefusalCode.INVALID_STATE));
    }
  }

  @Test
  void bookingIsConfirmedOnlyWhenConfirmed() {
    for (BookingStatus status : BookingStatus.values()) {
      assertThat(code(BookingRule.BOOKING_IS_CONFIRMED, request(OWNER, START, status)))
          .as(status.name())
          .isEqualTo(
              status == BookingStatus.CONFIRMED
                  ? Optional.empty()
                  : Optional.of(RefusalCode.INVALID_STATE));
    }
  }

  @Test
  void bookingHasStartedFromItsStartOn() {
    BookingRule rule = BookingRule.BOOKING_HAS_STARTED;
    assertThat(code(rule, request(OWNER, START.minusSeconds(1), BookingStatus.CONFIRMED)))
        .contains(RefusalCode.INVALID_STATE);
    assertThat(code(rule, request(OWNER, START, BookingStatus.CONFIRMED))).isEmpty();
    assertThat(code(rule, request(OWNER, END.plusSeconds(3600), BookingStatus.CONFIRMED)))
        .isEmpty();
  }

  @Test
  void cancellationWindowClosesAtTheNoticeForCustomersAndAtTheEndForTheOwner() {
    BookingRule rule = BookingRule.CANCELLATION_WINDOW_OPEN;
    assertThat(code(rule, request(CUSTOMER, DEADLINE, BookingStatus.CONFIRMED))).isEmpty();
    assertThat(code(rule, request(CUSTOMER, DEADLINE.plusSeconds(1), BookingStatus.CONFIRMED)))
        .contains(RefusalCode.CANCELLATION_WINDOW_CLOSED);
    assertThat(code(rule, request(Actor.GUEST, DEADLINE.plusSeconds(1), BookingStatus.CONFIRMED)))
        .contains(RefusalCode.CANCELLATION_WINDOW_CLOSED);
    assertThat(code(rule, request(OWNER, END.minusSeconds(1), BookingStatus.CONFIRMED))).isEmpty();
    assertThat(code(rule, request(OWNER, END, BookingStatus.CONFIRMED)))
        .contains(RefusalCode.CANCELLATION_WINDOW_CLOSED);
  }

  @Test
  void rescheduleWindowClosesAtTheNoticeForCustomersAndNeverForTheOwner() {
    BookingRule rule = BookingRule.RESCHEDULE_WINDOW_OPEN;
    assertThat(code(rule, request(CUSTOMER, DEADLINE, BookingStatus.CONFIRMED))).isEmpty();
    assertThat(code(rule, request(CUSTOMER, DEADLINE.plusSeconds(1), BookingStatus.CONFIRMED)))
        .contains(RefusalCode.CANCELLATION_WINDOW_CLOSED);
    assertThat(code(rule, request(OWNER, END.plusSeconds(1), BookingStatus.CONFIRMED))).isEmpty();
  }

  @Test
  void aBookingCanBeConfirmedOnlyBeforeItsStart() {
    BookingRule rule = BookingRule.BOOKING_HAS_NOT_STARTED;
    assertThat(code(rule, request(OWNER, START.minusMillis(1), BookingStatus.PENDING))).isEmpty();
    assertThat(code(rule, request(OWNER, START, BookingStatus.PENDING)))
        .contains(RefusalCode.INVALID_STATE);
  }

  @Test
  void theFirstBrokenRuleOfAListDecides() {
    // a stranger asking to cancel a cancelled booking learns nothing about its state
    assertThatThrownBy(
            () ->
                Rule.enforce(
                    request(STRANGER, END, BookingStatus.CANCELLED), BookingRule.CANCELLING))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> assertThat(e.refusal().code()).isEqualTo(RefusalCode.FORBIDDEN));
    assertThatThrownBy(
            () ->
                Rule.enforce(
                    request(CUSTOMER, END, BookingStatus.CANCELLED), BookingRule.CANCELLING))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> assertThat(e.refusal().code()).isEqualTo(RefusalCode.INVALID_STATE));
  }

  @Test
  void eachCommandChecksWhoFirst() {
    for (List<BookingRule> rules :
        List.of(
            BookingRule.CANCELLING,
            BookingRule.RESCHEDULING,
            BookingRule.CONFIRMING,
            BookingRule.DECLINING,
            BookingRule.CLOSING)) {
      assertThat(rules.get(0).name()).startsWith("ACTOR_");
    }
  }
}
