package io.calisera.notification.booking;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingConfirmedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.notification.NotificationKind;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.notification.notice.BookingFacts;
import io.calisera.notification.notice.Notice;
import io.calisera.notification.notice.Noticeboard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Follows one booking from its placing to its end and decides who is told what (docs/api.md,
 * "Notifications"): the customer of every change and before the start, the owner of what needs them
 * (a new booking, one awaiting their answer, one the customer cancelled or moved). It only decides;
 * what it decides is posted to the {@link Noticeboard} in the same transaction as the saga's state,
 * and sent from there.
 *
 * <p>Reminders are deadlines: scheduled once the booking is confirmed, at the minutes before the
 * start that the booking's events carry (its service's reminders when it was placed or last moved;
 * 24 hours and 1 hour in events stored before services had them), moved with the booking, cancelled
 * with it. One whose time has passed when it would be scheduled is not scheduled; one that fires at
 * or after the start (the service was down), or while a later one is already due, is dropped.
 * {@code sequence} is the booking's version for calendars: 0 when placed, raised on every change
 * the customer's calendar must follow.
 *
 * <p>Its processor starts at the head of the event stream: a first start tells nobody about
 * bookings made before (docs/stack.md, "A new streaming processor replays history").
 */
@Saga
@ProcessingGroup(BookingNotificationSaga.PROCESSING_GROUP)
public class BookingNotificationSaga {

  public static final String PROCESSING_GROUP = "booking-notifications";

  /** As long as the command side remembers a booking after its end (later commands fail). */
  static final Duration FORGOTTEN_AFTER_END = Duration.ofDays(30);

  static final String FORGET = "forget";

  private static final String BOOKING_ID = "bookingId";

  private BookingFacts booking;
  private int sequence;

  /** Minutes before the start; {@code null} in a saga stored before bookings carried them. */
  private List<Integer> reminderMinutes;

  private List<ScheduledReminder> reminders = new ArrayList<>();
  private String forgetDeadlineId;

  @StartSaga
  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(BookingPlacedEvent event, Noticeboard notices, DeadlineManager deadlines, Clock clock) {
    booking = BookingFacts.placed(event);
    reminderMinutes = event.reminderMinutes();
    sequence = 0;
    if (event.status() == BookingStatus.PENDING) {
      tell(notices, NotificationKind.BOOKING_PENDING);
      tell(notices, NotificationKind.OWNER_APPROVAL_NEEDED);
    } else {
      tell(notices, NotificationKind.BOOKING_CONFIRMED);
      tell(notices, NotificationKind.OWNER_NEW_BOOKING);
      scheduleReminders(deadlines, clock);
    }
    forgetAfterEnd(deadlines);
  }

  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(
      BookingConfirmedEvent event, Noticeboard notices, DeadlineManager deadlines, Clock clock) {
    booking = booking.withStatus(BookingStatus.CONFIRMED, null);
    sequence++;
    tell(notices, NotificationKind.BOOKING_CONFIRMED);
    scheduleReminders(deadlines, clock);
  }

  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(
      BookingRescheduledEvent event, Noticeboard notices, DeadlineManager deadlines, Clock clock) {
    booking = booking.movedTo(event.start(), event.end(), event.reason());
    sequence++;
    reminderMinutes = event.reminderMinutes();
    cancelReminders(deadlines);
    tell(notices, NotificationKind.BOOKING_RESCHEDULED);
    if (booking.isCustomer(event.by())) {
      tell(notices, NotificationKind.OWNER_BOOKING_CHANGED);
    }
    if (booking.status() == BookingStatus.CONFIRMED) {
      scheduleReminders(deadlines, clock);
    }
    forgetAfterEnd(deadlines);
  }

  @EndSaga
  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(BookingCancelledEvent event, Noticeboard notices, DeadlineManager deadlines) {
    booking = booking.withStatus(BookingStatus.CANCELLED, event.reason());
    sequence++;
    cancelAll(deadlines);
    tell(notices, NotificationKind.BOOKING_CANCELLED);
    if (booking.isCustomer(event.by())) {
      tell(notices, NotificationKind.OWNER_BOOKING_CHANGED);
    }
  }

  @EndSaga
  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(BookingDeclinedEvent event, Noticeboard notices, DeadlineManager deadlines) {
    booking = booking.withStatus(BookingStatus.DECLINED, event.reason());
    sequence++;
    cancelAll(deadlines);
    tell(notices, NotificationKind.BOOKING_DECLINED);
  }

  /** After the start nothing more is told; a reminder still scheduled would be dropped anyway. */
  @EndSaga
  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(BookingCompletedEvent event, DeadlineManager deadlines) {
    cancelAll(deadlines);
  }

  @EndSaga
  @SagaEventHandler(associationProperty = BOOKING_ID)
  void on(BookingMarkedNoShowEvent event, DeadlineManager deadlines) {
    cancelAll(deadlines);
  }

  @DeadlineHandler(deadlineName = Reminder.DEADLINE)
  void remind(Reminder reminder, Noticeboard notices, Clock clock) {
    reminders.removeIf(scheduled -> scheduled.minutesBefore() == reminder.minutesBefore());
    Instant now = clock.instant();
    Instant due = dueAt(reminder.minutesBefore());
    boolean laterOneDueToo =
        reminderMinutes().stream()
            .map(this::dueAt)
            .anyMatch(other -> other.isAfter(due) && !other.isAfter(now));
    if (now.isBefore(booking.start()) && !laterOneDueToo) {
      notices.post(Notice.reminder(sequence, due, booking));
    }
  }

  /**
   * No event comes for a booking the command side has forgotten (30 days after its end), so a
   * booking nobody completed or marked a no-show ends its saga then.
   */
  @EndSaga
  @DeadlineHandler(deadlineName = FORGET)
  void forget() {
    // the saga and its associations are removed; nothing is told
  }

  private void tell(Noticeboard notices, NotificationKind kind) {
    notices.post(Notice.of(kind, sequence, booking));
  }

  private void scheduleReminders(DeadlineManager deadlines, Clock clock) {
    Instant now = clock.instant();
    for (int minutes : reminderMinutes()) {
      Instant due = dueAt(minutes);
      if (due.isAfter(now)) {
        String id = deadlines.schedule(due, Reminder.DEADLINE, new Reminder(minutes));
        reminders.add(new ScheduledReminder(minutes, id));
      }
    }
  }

  /** The booking's reminders, earliest first. */
  private List<Integer> reminderMinutes() {
    return ServiceDefinition.remindersOrDefault(reminderMinutes).stream()
        .sorted(Comparator.reverseOrder())
        .toList();
  }

  private void cancelReminders(DeadlineManager deadlines) {
    reminders.forEach(
        scheduled -> deadlines.cancelSchedule(Reminder.DEADLINE, scheduled.deadlineId()));
    reminders.clear();
  }

  /** The booking reached a final state: no deadline of this saga is left. */
  private void cancelAll(DeadlineManager deadlines) {
    cancelReminders(deadlines);
    if (forgetDeadlineId != null) {
      deadlines.cancelSchedule(FORGET, forgetDeadlineId);
      forgetDeadlineId = null;
    }
  }

  private Instant dueAt(int minutesBefore) {
    return booking.start().minus(Duration.ofMinutes(minutesBefore));
  }

  private void forgetAfterEnd(DeadlineManager deadlines) {
    if (forgetDeadlineId != null) {
      deadlines.cancelSchedule(FORGET, forgetDeadlineId);
    }
    forgetDeadlineId = deadlines.schedule(booking.end().plus(FORGOTTEN_AFTER_END), FORGET);
  }
}
