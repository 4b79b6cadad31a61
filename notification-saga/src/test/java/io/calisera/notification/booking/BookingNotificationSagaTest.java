package io.calisera.notification.booking;

import static io.calisera.api.notification.NotificationKind.BOOKING_CANCELLED;
import static io.calisera.api.notification.NotificationKind.BOOKING_CONFIRMED;
import static io.calisera.api.notification.NotificationKind.BOOKING_DECLINED;
import static io.calisera.api.notification.NotificationKind.BOOKING_PENDING;
import static io.calisera.api.notification.NotificationKind.BOOKING_RESCHEDULED;
import static io.calisera.api.notification.NotificationKind.OWNER_APPROVAL_NEEDED;
import static io.calisera.api.notification.NotificationKind.OWNER_BOOKING_CHANGED;
import static io.calisera.api.notification.NotificationKind.OWNER_NEW_BOOKING;
import static io.calisera.api.notification.NotificationKind.REMINDER;
import static io.calisera.notification.testing.Bookings.BOOKING;
import static io.calisera.notification.testing.Bookings.CUSTOMER_ACCOUNT;
import static io.calisera.notification.testing.Bookings.OWNER;
import static io.calisera.notification.testing.Bookings.PROVIDER;
import static io.calisera.notification.testing.Bookings.cancelledBy;
import static io.calisera.notification.testing.Bookings.completed;
import static io.calisera.notification.testing.Bookings.confirmedByOwner;
import static io.calisera.notification.testing.Bookings.confirmedHaircut;
import static io.calisera.notification.testing.Bookings.declinedBy;
import static io.calisera.notification.testing.Bookings.markedNoShow;
import static io.calisera.notification.testing.Bookings.moved;
import static io.calisera.notification.testing.Bookings.movedBy;
import static io.calisera.notification.testing.Bookings.pendingHaircut;
import static io.calisera.notification.testing.Bookings.placed;
import static io.calisera.notification.testing.RecordingNoticeboard.told;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.common.MessageSerialization;
import io.calisera.notification.notice.Notice;
import io.calisera.notification.testing.Bookings;
import io.calisera.notification.testing.FixtureClock;
import io.calisera.notification.testing.RecordingNoticeboard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who is told what about a booking, and when the reminders fire: every path of the booking's life,
 * deadlines scheduled, moved and cancelled included.
 */
class BookingNotificationSagaTest {

  /** Sunday 29 March 2026, Berlin's spring-forward day, 10:00 in Berlin. */
  private static final Instant START = Instant.parse("2026-03-29T08:00:00Z");

  private static final Instant PLACED = Instant.parse("2026-03-25T12:00:00Z");
  private static final Instant DAY_BEFORE = START.minus(Duration.ofHours(24));
  private static final Instant HOUR_BEFORE = START.minus(Duration.ofHours(1));
  private static final Instant FORGOTTEN =
      START.plus(Duration.ofMinutes(45)).plus(BookingNotificationSaga.FORGOTTEN_AFTER_END);

  private SagaTestFixture<BookingNotificationSaga> fixture;
  private RecordingNoticeboard notices;

  @BeforeEach
  void fixture() {
    fixture = new SagaTestFixture<>(BookingNotificationSaga.class);
    notices = new RecordingNoticeboard();
    fixture.registerResource(notices);
    fixture.registerResource(new FixtureClock(fixture::currentTime));
    fixture.registerStartRecordingCallback(notices::clear);
  }

  @Test
  void aConfirmedBookingTellsTheCustomerAndTheOwnerAndSchedulesBothReminders() {
    fixture
        .givenCurrentTime(PLACED)
        .whenAggregate(PROVIDER)
        .publishes(confirmedHaircut(START, PLACED))
        .expectActiveSagas(1)
        .expectAssociationWith("bookingId", BOOKING)
        .expectScheduledDeadline(DAY_BEFORE, new Reminder(24 * 60))
        .expectScheduledDeadline(HOUR_BEFORE, new Reminder(60))
        .expectScheduledDeadlineWithName(FORGOTTEN, BookingNotificationSaga.FORGET);
    assertThat(notices.kinds())
        .containsExactly(told(BOOKING_CONFIRMED, 0), told(OWNER_NEW_BOOKING, 0));
    assertThat(notices.posted().get(0).booking().customer().timeZone())
        .hasToString("America/New_York");
  }

  @Test
  void aPendingBookingTellsTheCustomerItWaitsAndAsksTheOwnerWithoutReminders() {
    fixture
        .givenCurrentTime(PLACED)
        .whenAggregate(PROVIDER)
        .publishes(pendingHaircut(START, PLACED))
        .expectActiveSagas(1)
        .expectNoScheduledDeadlineWithName(DAY_BEFORE, Reminder.DEADLINE)
        .expectNoScheduledDeadlineWithName(HOUR_BEFORE, Reminder.DEADLINE);
    assertThat(notices.kinds())
        .containsExactly(told(BOOKING_PENDING, 0), told(OWNER_APPROVAL_NEEDED, 0));
  }

  @Test
  void confirmingAPendingBookingTellsTheCustomerUnderTheNextSequenceAndSchedulesTheReminders() {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(pendingHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(confirmedByOwner(PLACED.plusSeconds(600)))
        .expectScheduledDeadline(DAY_BEFORE, new Reminder(24 * 60))
        .expectScheduledDeadline(HOUR_BEFORE, new Reminder(60));
    assertThat(notices.kinds()).containsExactly(told(BOOKING_CONFIRMED, 1));
  }

  @Test
  void movingABookingMovesItsRemindersAndTellsTheOwnerWhenTheCustomerMovedIt() {
    Instant later = START.plus(Duration.ofDays(1));
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(confirmedHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(movedBy(CUSTOMER_ACCOUNT, START, later, PLACED.plusSeconds(60)))
        .expectNoScheduledDeadline(DAY_BEFORE, new Reminder(24 * 60))
        .expectNoScheduledDeadline(HOUR_BEFORE, new Reminder(60))
        .expectScheduledDeadline(later.minus(Duration.ofHours(24)), new Reminder(24 * 60))
        .expectScheduledDeadline(later.minus(Duration.ofHours(1)), new Reminder(60))
        .expectNoScheduledDeadlineWithName(FORGOTTEN, BookingNotificationSaga.FORGET)
        .expectScheduledDeadlineWithName(
            FORGOTTEN.plus(Duration.ofDays(1)), BookingNotificationSaga.FORGET);
    assertThat(notices.kinds())
        .containsExactly(told(BOOKING_RESCHEDULED, 1), told(OWNER_BOOKING_CHANGED, 1));
    Notice moved = notices.posted().get(0);
    assertThat(moved.booking().start()).isEqualTo(later);
    assertThat(moved.booking().previousStart()).isEqualTo(START);
  }

  @Test
  void aBookingTheOwnerMovedIsToldToTheCustomerOnly() {
    Instant later = START.plus(Duration.ofHours(2));
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(confirmedHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(movedBy(OWNER, START, later, PLACED.plusSeconds(60)));
    assertThat(notices.kinds()).containsExactly(told(BOOKING_RESCHEDULED, 1));
  }

  @Test
  void aMovedBookingsOldReminderNeverFires() throws Exception {
    Instant later = START.plus(Duration.ofDays(2));
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(
            confirmedHaircut(START, PLACED),
            movedBy(CUSTOMER_ACCOUNT, START, later, PLACED.plusSeconds(60)))
        .whenTimeAdvancesTo(START.plusSeconds(1))
        .expectTriggeredDeadlinesWithName();
    assertThat(notices.posted()).isEmpty();
  }

  @Test
  void cancellingByTheCustomerTellsBothWithACancellationAndEndsWithItsDeadlines() {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(confirmedHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(cancelledBy("guest", PLACED.plusSeconds(60)))
        .expectActiveSagas(0)
        .expectNoScheduledDeadlines();
    assertThat(notices.kinds())
        .containsExactly(told(BOOKING_CANCELLED, 1), told(OWNER_BOOKING_CHANGED, 1));
  }

  @Test
  void cancellingByTheOwnerTellsTheCustomerOnly() {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(confirmedHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(cancelledBy(OWNER, PLACED.plusSeconds(60)))
        .expectActiveSagas(0)
        .expectNoScheduledDeadlines();
    assertThat(notices.kinds()).containsExactly(told(BOOKING_CANCELLED, 1));
  }

  @Test
  void aDeclineTellsTheCustomerAndEnds() {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(pendingHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(declinedBy("system", START))
        .expectActiveSagas(0)
        .expectNoScheduledDeadlines();
    assertThat(notices.kinds()).containsExactly(told(BOOKING_DECLINED, 1));
    assertThat(notices.posted().get(0).booking().reason()).isEqualTo("fully booked");
  }

  @Test
  void theDayBeforeReminderFiresTwentyFourRealHoursBeforeTheStart() {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(confirmedHaircut(START, PLACED))
        .whenTimeAdvancesTo(DAY_BEFORE)
        .expectTriggeredDeadlines(new Reminder(24 * 60))
        .expectScheduledDeadline(HOUR_BEFORE, new Reminder(60));
    assertThat(notices.kinds()).containsExactly(told(REMINDER, 0));
    assertThat(notices.posted().get(0).scheduledFor()).isEqualTo(DAY_BEFORE);
  }

  @Test
  void bothRemindersFireInTurn() throws Exception {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(confirmedHaircut(START, PLACED))
        .andThenTimeAdvancesTo(DAY_BEFORE)
        .whenTimeAdvancesTo(HOUR_BEFORE)
        .expectTriggeredDeadlines(new Reminder(24 * 60), new Reminder(60));
    assertThat(notices.posted()).extracting(Notice::scheduledFor).containsExactly(HOUR_BEFORE);
  }

  @Test
  void aBookingMadeThirtyMinutesBeforeItsStartGetsNoReminder() {
    Instant placed = START.minus(Duration.ofMinutes(30));
    fixture
        .givenCurrentTime(placed)
        .whenAggregate(PROVIDER)
        .publishes(confirmedHaircut(START, placed))
        .expectNoScheduledDeadlineWithName(HOUR_BEFORE, Reminder.DEADLINE)
        .expectNoScheduledDeadlineWithName(DAY_BEFORE, Reminder.DEADLINE);
  }

  @Test
  void aBookingMadeTwoHoursBeforeItsStartGetsTheOneHourReminderOnly() {
    Instant placed = START.minus(Duration.ofHours(2));
    fixture
        .givenCurrentTime(placed)
        .whenAggregate(PROVIDER)
        .publishes(confirmedHaircut(START, placed))
        .expectScheduledDeadline(HOUR_BEFORE, new Reminder(60))
        .expectNoScheduledDeadlineWithName(DAY_BEFORE, Reminder.DEADLINE);
  }

  @Test
  void remindersThatFallDueOnlyAfterTheStartAreDropped() {
    // the service was down from before the day-before reminder until after the start
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(confirmedHaircut(START, PLACED))
        .whenTimeAdvancesTo(START.plusSeconds(60))
        .expectTriggeredDeadlines(new Reminder(24 * 60), new Reminder(60));
    assertThat(notices.posted()).isEmpty();
  }

  @Test
  void completingTheBookingEndsTheSagaAndItsDeadlines() throws Exception {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(confirmedHaircut(START, PLACED))
        .andThenTimeAdvancesTo(START.plusSeconds(1))
        .whenAggregate(PROVIDER)
        .publishes(completed(START.plus(Duration.ofHours(1))))
        .expectActiveSagas(0)
        .expectNoScheduledDeadlines();
    assertThat(notices.posted()).isEmpty();
  }

  @Test
  void aNoShowEndsTheSagaAndItsDeadlinesAndTellsNobody() throws Exception {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(confirmedHaircut(START, PLACED))
        .andThenTimeAdvancesTo(START.plus(Duration.ofMinutes(20)))
        .whenAggregate(PROVIDER)
        .publishes(markedNoShow(START.plus(Duration.ofMinutes(20))))
        .expectActiveSagas(0)
        .expectNoScheduledDeadlines();
    assertThat(notices.posted()).isEmpty();
  }

  @Test
  void movingAPendingBookingTellsBothButSchedulesNoReminderUntilItIsConfirmed() {
    Instant later = START.plus(Duration.ofDays(1));
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(pendingHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(movedBy(CUSTOMER_ACCOUNT, START, later, PLACED.plusSeconds(60)))
        .expectActiveSagas(1)
        .expectNoScheduledDeadlineWithName(later.minus(Duration.ofHours(24)), Reminder.DEADLINE)
        .expectNoScheduledDeadlineWithName(later.minus(Duration.ofHours(1)), Reminder.DEADLINE)
        .expectScheduledDeadlineWithName(
            FORGOTTEN.plus(Duration.ofDays(1)), BookingNotificationSaga.FORGET);
    assertThat(notices.kinds())
        .containsExactly(told(BOOKING_RESCHEDULED, 1), told(OWNER_BOOKING_CHANGED, 1));
  }

  @Test
  void aMovedThenConfirmedBookingIsRemindedBeforeItsNewStartOnly() {
    Instant later = START.plus(Duration.ofDays(1));
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(pendingHaircut(START, PLACED))
        .andThenAggregate(PROVIDER)
        .published(movedBy(CUSTOMER_ACCOUNT, START, later, PLACED.plusSeconds(60)))
        .whenAggregate(PROVIDER)
        .publishes(confirmedByOwner(PLACED.plusSeconds(120)))
        .expectScheduledDeadline(later.minus(Duration.ofHours(24)), new Reminder(24 * 60))
        .expectScheduledDeadline(later.minus(Duration.ofHours(1)), new Reminder(60))
        .expectNoScheduledDeadline(DAY_BEFORE, new Reminder(24 * 60))
        .expectNoScheduledDeadline(HOUR_BEFORE, new Reminder(60));
    assertThat(notices.kinds()).containsExactly(told(BOOKING_CONFIRMED, 2));
  }

  @Test
  void aBookingNobodyClosedIsForgottenThirtyDaysAfterItsEnd() {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(confirmedHaircut(START, PLACED))
        .whenTimeAdvancesTo(FORGOTTEN)
        .expectActiveSagas(0)
        .expectNoScheduledDeadlines();
  }

  // ---- the reminders of the booking's service

  @Test
  void aServiceThatRemindsThirtyMinutesBeforeSchedulesThatOneReminderOnly() {
    fixture
        .givenCurrentTime(PLACED)
        .whenAggregate(PROVIDER)
        .publishes(placed(BookingStatus.CONFIRMED, START, PLACED, List.of(30)))
        .expectScheduledDeadline(START.minus(Duration.ofMinutes(30)), new Reminder(30))
        .expectNoScheduledDeadlineOfType(
            PLACED, START.minus(Duration.ofMinutes(31)), Reminder.class)
        .expectScheduledDeadlineWithName(FORGOTTEN, BookingNotificationSaga.FORGET);
  }

  @Test
  void theThirtyMinuteReminderFiresThirtyMinutesBeforeTheStart() {
    Instant due = START.minus(Duration.ofMinutes(30));
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(placed(BookingStatus.CONFIRMED, START, PLACED, List.of(30)))
        .whenTimeAdvancesTo(due)
        .expectTriggeredDeadlines(new Reminder(30));
    assertThat(notices.kinds()).containsExactly(told(REMINDER, 0));
    assertThat(notices.posted().get(0).scheduledFor()).isEqualTo(due);
  }

  @Test
  void aServiceWithoutRemindersSchedulesNone() {
    fixture
        .givenCurrentTime(PLACED)
        .whenAggregate(PROVIDER)
        .publishes(placed(BookingStatus.CONFIRMED, START, PLACED, List.of()))
        .expectActiveSagas(1)
        .expectNoScheduledDeadlineOfType(PLACED, START.plusSeconds(1), Reminder.class)
        .expectScheduledDeadlineWithName(FORGOTTEN, BookingNotificationSaga.FORGET);
    assertThat(notices.kinds())
        .containsExactly(told(BOOKING_CONFIRMED, 0), told(OWNER_NEW_BOOKING, 0));
  }

  @Test
  void aBookingStoredBeforeBookingsCarriedRemindersIsRemindedADayAndAnHourBefore()
      throws Exception {
    ObjectMapper json = MessageSerialization.objectMapper();
    ObjectNode stored = json.valueToTree(Bookings.confirmedHaircut(START, PLACED));
    stored.remove("reminderMinutes"); // as revision 1 stored it
    BookingPlacedEvent old = json.treeToValue(stored, BookingPlacedEvent.class);
    fixture
        .givenCurrentTime(PLACED)
        .whenAggregate(PROVIDER)
        .publishes(old)
        .expectScheduledDeadline(DAY_BEFORE, new Reminder(24 * 60))
        .expectScheduledDeadline(HOUR_BEFORE, new Reminder(60));
  }

  @Test
  void aMovedBookingIsRemindedAtTheRemindersItsServiceHadAtTheMove() {
    Instant later = START.plus(Duration.ofDays(1));
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(confirmedHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(moved(OWNER, START, later, PLACED.plusSeconds(60), List.of(120)))
        .expectNoScheduledDeadline(DAY_BEFORE, new Reminder(24 * 60))
        .expectNoScheduledDeadline(HOUR_BEFORE, new Reminder(60))
        .expectScheduledDeadline(later.minus(Duration.ofHours(2)), new Reminder(120))
        .expectNoScheduledDeadlineOfType(
            PLACED, later.minus(Duration.ofHours(2)).minusSeconds(1), Reminder.class)
        .expectNoScheduledDeadlineOfType(
            later.minus(Duration.ofHours(2)).plusSeconds(1), later, Reminder.class);
  }

  @Test
  void ofCustomRemindersAllDueAtOnceOnlyTheLatestIsSent() {
    // the service was down from before the two-hour reminder until after the 30-minute one
    Instant afterBoth = START.minus(Duration.ofMinutes(20));
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(placed(BookingStatus.CONFIRMED, START, PLACED, List.of(30, 120)))
        .whenTimeAdvancesTo(afterBoth)
        .expectTriggeredDeadlines(new Reminder(120), new Reminder(30));
    assertThat(notices.posted())
        .extracting(Notice::scheduledFor)
        .containsExactly(START.minus(Duration.ofMinutes(30)));
  }
}
