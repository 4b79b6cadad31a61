package io.calisera.notification.unanswered;

import static io.calisera.notification.testing.Bookings.BOOKING;
import static io.calisera.notification.testing.Bookings.CUSTOMER_ACCOUNT;
import static io.calisera.notification.testing.Bookings.PROVIDER;
import static io.calisera.notification.testing.Bookings.cancelledBy;
import static io.calisera.notification.testing.Bookings.confirmedByOwner;
import static io.calisera.notification.testing.Bookings.confirmedHaircut;
import static io.calisera.notification.testing.Bookings.declinedBy;
import static io.calisera.notification.testing.Bookings.movedBy;
import static io.calisera.notification.testing.Bookings.pendingHaircut;

import io.calisera.api.booking.DeclineBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.notification.testing.FixtureClock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pending booking nobody answered is declined by the platform at its start, to the second. */
class UnansweredBookingSagaTest {

  private static final Instant START = Instant.parse("2026-03-29T08:00:00Z");
  private static final Instant PLACED = Instant.parse("2026-03-25T12:00:00Z");

  private SagaTestFixture<UnansweredBookingSaga> fixture;

  @BeforeEach
  void fixture() {
    fixture = new SagaTestFixture<>(UnansweredBookingSaga.class);
    fixture.registerResource(new FixtureClock(fixture::currentTime));
  }

  @Test
  void aPendingBookingGetsADeadlineAtItsStart() {
    fixture
        .givenCurrentTime(PLACED)
        .whenAggregate(PROVIDER)
        .publishes(pendingHaircut(START, PLACED))
        .expectActiveSagas(1)
        .expectScheduledDeadlineWithName(START, UnansweredBookingSaga.ANSWER_BY)
        .expectNoDispatchedCommands();
  }

  @Test
  void aConfirmedBookingNeedsNoAnswer() {
    fixture
        .givenCurrentTime(PLACED)
        .whenAggregate(PROVIDER)
        .publishes(confirmedHaircut(START, PLACED))
        .expectActiveSagas(0)
        .expectNoScheduledDeadlines();
  }

  @Test
  void stillUnansweredAtItsStartThePlatformDeclinesIt() {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(pendingHaircut(START, PLACED))
        .whenTimeAdvancesTo(START)
        .expectTriggeredDeadlinesWithName(UnansweredBookingSaga.ANSWER_BY)
        .expectDispatchedCommands(
            new DeclineBookingCommand(
                PROVIDER, BOOKING, UnansweredBookingSaga.REASON, Actor.SYSTEM, START));
  }

  @Test
  void notOneSecondBeforeItsStart() {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(pendingHaircut(START, PLACED))
        .whenTimeAdvancesTo(START.minusSeconds(1))
        .expectNoDispatchedCommands()
        .expectScheduledDeadlineWithName(START, UnansweredBookingSaga.ANSWER_BY);
  }

  @Test
  void anAnswerEndsTheWait() {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(pendingHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(confirmedByOwner(PLACED.plusSeconds(60)))
        .expectActiveSagas(0)
        .expectNoScheduledDeadlines();
  }

  @Test
  void aDeclineByTheOwnerEndsTheWait() {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(pendingHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(declinedBy("account-owner", PLACED.plusSeconds(60)))
        .expectActiveSagas(0)
        .expectNoScheduledDeadlines();
  }

  @Test
  void aCancellationEndsTheWait() {
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(pendingHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(cancelledBy(CUSTOMER_ACCOUNT, PLACED.plusSeconds(60)))
        .expectActiveSagas(0)
        .expectNoScheduledDeadlines();
  }

  @Test
  void aMovedPendingBookingWaitsUntilItsNewStart() {
    Instant later = START.plus(Duration.ofDays(1));
    fixture
        .givenCurrentTime(PLACED)
        .andThenAggregate(PROVIDER)
        .published(pendingHaircut(START, PLACED))
        .whenAggregate(PROVIDER)
        .publishes(movedBy(CUSTOMER_ACCOUNT, START, later, PLACED.plusSeconds(60)))
        .expectNoScheduledDeadlineWithName(START, UnansweredBookingSaga.ANSWER_BY)
        .expectScheduledDeadlineWithName(later, UnansweredBookingSaga.ANSWER_BY);
  }
}
