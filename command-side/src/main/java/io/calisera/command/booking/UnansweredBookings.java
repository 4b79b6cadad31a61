package io.calisera.command.booking;

import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.DeclineBookingCommand;
import io.calisera.api.booking.FindUnansweredBookingsQuery;
import io.calisera.api.common.Actor;
import io.calisera.api.common.CommandFailures;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.command.common.DomainComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract's "a {@code PENDING} booking still unanswered at its start is declined automatically
 * then": asks the read models for the {@code PENDING} bookings that have started and declines each
 * as the platform ({@link Actor#SYSTEM}), through the hub like any other decline.
 *
 * <p>Every command-side instance sweeps; a booking that is declined twice, or answered meanwhile,
 * is refused the second time ({@code INVALID_STATE}) and nothing is stored. Bookings that started
 * longer ago than the calendar remembers are left alone (their commands would be {@code
 * NOT_FOUND}). The state lives only in the event store and the read models, so a restart loses
 * nothing: the next sweep finds what is still pending.
 */
@DomainComponent
public final class UnansweredBookings {

  static final String REASON = "Not confirmed before its start";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(UnansweredBookings.class);

  private final QueryGateway queries;
  private final CommandGateway commands;
  private final Clock clock;

  UnansweredBookings(QueryGateway queries, CommandGateway commands, Clock clock) {
    this.queries = queries;
    this.commands = commands;
    this.clock = clock;
  }

  /**
   * Declines one batch of started {@code PENDING} bookings.
   *
   * @return how many this call declined
   */
  public int declineStarted() {
    Instant now = clock.instant();
    BookingPage started;
    try {
      started =
          queries
              .query(
                  new FindUnansweredBookingsQuery(
                      now.minus(Bookings.REMEMBERED_AFTER_END), now, BookingPage.MAX_PAGE_SIZE),
                  BookingPage.class)
              .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (Exception e) {
      log.info(
          "Unanswered bookings not looked for now (the read models did not answer): {}",
          e.toString());
      return 0;
    }
    int declined = 0;
    for (BookingView booking : started.items()) {
      if (decline(booking, now)) {
        declined++;
      }
    }
    if (declined > 0) {
      log.info("Declined {} booking(s) not confirmed before their start", declined);
    }
    return declined;
  }

  private boolean decline(BookingView booking, Instant now) {
    try {
      commands.sendAndWait(
          new DeclineBookingCommand(
              booking.providerId(), booking.bookingId(), REASON, Actor.SYSTEM, now),
          PATIENCE.toMillis(),
          TimeUnit.MILLISECONDS);
      return true;
    } catch (RuntimeException failure) {
      Optional<RefusalCode> refusal = CommandFailures.refusal(failure).map(Refusal::code);
      if (refusal.isPresent() || CommandFailures.isSequenceConflict(failure)) {
        // answered meanwhile, declined by another instance, or raced: the next sweep looks again
        log.debug("Booking {} not declined now: {}", booking.bookingId(), failure.getMessage());
      } else {
        log.warn("Declining unanswered booking {} failed", booking.bookingId(), failure);
      }
      return false;
    }
  }
}
