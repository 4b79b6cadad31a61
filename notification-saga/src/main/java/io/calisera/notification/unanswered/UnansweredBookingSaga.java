package io.calisera.notification.unanswered;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingConfirmedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.DeclineBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.CommandFailures;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * The contract's "a {@code PENDING} booking still unanswered at its start is declined automatically
 * then" (docs/api.md, "Bookings"), to the second: a deadline at the start of every pending booking,
 * moved with it, dropped when the owner answers or someone cancels; when it fires, the platform
 * ({@link Actor#SYSTEM}) declines the booking through the hub like any other decline. The command
 * side already refuses a confirm from the start on, so the decline records what the rule made true.
 * Why here and not on the command side: decision 0008.
 *
 * <p>Its processor starts at the beginning of the event stream, not at the head: on the service's
 * first start it must learn of the bookings already waiting. Bookings answered long ago are started
 * and ended as it reads past them; a decline it sends for one whose answer it has not read yet is
 * refused ({@code INVALID_STATE}) and changes nothing.
 */
@Saga
@ProcessingGroup(UnansweredBookingSaga.PROCESSING_GROUP)
public class UnansweredBookingSaga {

  public static final String PROCESSING_GROUP = "unanswered-bookings";

  static final String ANSWER_BY = "answer-by";
  static final String REASON = "Not confirmed before its start";
  private static final long PATIENCE_SECONDS = 10;
  private static final String BOOKING_ID = "bookingId";

  private String providerId;
  private String bookingId;
  private String deadlineId;

  @StartSaga
  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(BookingPlacedEvent event, DeadlineManager deadlines) {
    if (event.status() != BookingStatus.PENDING) {
      SagaLifecycle.end();
      return;
    }
    providerId = event.providerId();
    bookingId = event.bookingId();
    answerBy(event.start(), deadlines);
  }

  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(BookingRescheduledEvent event, DeadlineManager deadlines) {
    deadlines.cancelSchedule(ANSWER_BY, deadlineId);
    answerBy(event.start(), deadlines);
  }

  @EndSaga
  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(BookingConfirmedEvent event, DeadlineManager deadlines) {
    deadlines.cancelSchedule(ANSWER_BY, deadlineId);
  }

  @EndSaga
  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(BookingDeclinedEvent event, DeadlineManager deadlines) {
    deadlines.cancelSchedule(ANSWER_BY, deadlineId);
  }

  @EndSaga
  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(BookingCancelledEvent event, DeadlineManager deadlines) {
    deadlines.cancelSchedule(ANSWER_BY, deadlineId);
  }

  /**
   * Declines the booking as the platform. A refusal means it was answered, cancelled or forgotten
   * meanwhile: nothing is left to do. Any other failure (the hub or the command side unreachable)
   * fails the deadline, which is then tried again.
   */
  @DeadlineHandler(deadlineName = ANSWER_BY)
  void decline(AnswerBy deadline, CommandGateway commands, Clock clock) {
    try {
      commands.sendAndWait(
          new DeclineBookingCommand(providerId, bookingId, REASON, Actor.SYSTEM, clock.instant()),
          PATIENCE_SECONDS,
          TimeUnit.SECONDS);
    } catch (RuntimeException failure) {
      if (CommandFailures.refusal(failure).isEmpty()) {
        throw failure;
      }
      SagaLifecycle.end();
    }
  }

  private void answerBy(Instant start, DeadlineManager deadlines) {
    deadlineId = deadlines.schedule(start, ANSWER_BY, new AnswerBy(start));
  }
}
