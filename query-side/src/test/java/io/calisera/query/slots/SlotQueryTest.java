package io.calisera.query.slots;

import static io.calisera.query.support.Events.aBookingPlaced;
import static io.calisera.query.support.Events.aPendingBooking;
import static io.calisera.query.support.Events.aProviderCreated;
import static io.calisera.query.support.Events.aServiceAdded;
import static io.calisera.query.support.Events.aZoneChange;
import static io.calisera.query.support.Events.cancelled;
import static io.calisera.query.support.Events.completed;
import static io.calisera.query.support.Events.confirmed;
import static io.calisera.query.support.Events.declined;
import static io.calisera.query.support.Events.noShow;
import static io.calisera.query.support.Events.openEveryDay;
import static io.calisera.query.support.Events.openWeekdaysNineToFive;
import static io.calisera.query.support.Events.rescheduled;
import static io.calisera.query.support.Events.withOverrides;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.PreviewSlotsQuery;
import io.calisera.api.schedule.Slot;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.api.schedule.TimeInterval;
import io.calisera.api.schedule.WeeklyHours;
import io.calisera.query.support.Events;
import io.calisera.query.support.ReadModels;
import io.calisera.query.support.SlotReadModel;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The slot query over the slots read model, beyond the api's engine tests. */
class SlotQueryTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Monday 2026-03-02, 08:00 UTC. */
  static final Clock NOW = Clock.fixed(Events.AT, ZoneOffset.UTC);

  static final LocalDate WEDNESDAY = LocalDate.of(2026, 3, 4);

  ReadModels readModels;

  @BeforeEach
  void start() {
    readModels = SlotReadModel.with(NOW);
  }

  @AfterEach
  void stop() {
    readModels.close();
  }

  AvailableSlots slots(String service, LocalDate from, LocalDate to, ZoneId zone) {
    return readModels
        .queries()
        .query(
            new FindAvailableSlotsQuery("p1", service, from, to, zone),
            ResponseTypes.instanceOf(AvailableSlots.class))
        .join();
  }

  List<Instant> starts(String service, LocalDate date) {
    return slots(service, date, date, null).slots().stream().map(Slot::start).toList();
  }

  static Instant berlin(LocalDate date, String time) {
    return date.atTime(java.time.LocalTime.parse(time)).atZone(BERLIN).toInstant();
  }

  void aBerlinProviderOpenWeekdaysNineToFiveWithAnHourService() {
    readModels.given(
        aProviderCreated("p1", BERLIN),
        openWeekdaysNineToFive("p1"),
        aServiceAdded("p1", "s1", SlotSettings.withDefaults(60)));
  }

  @Test
  void listsTheGridOfTheWindowsInTheProvidersZoneByDefault() {
    aBerlinProviderOpenWeekdaysNineToFiveWithAnHourService();

    AvailableSlots answer = slots("s1", WEDNESDAY, WEDNESDAY, null);

    assertThat(answer.timeZone()).isEqualTo(BERLIN);
    assertThat(answer.slots()).hasSize(8);
    assertThat(answer.slots().get(0))
        .isEqualTo(new Slot(berlin(WEDNESDAY, "09:00"), berlin(WEDNESDAY, "10:00")));
    assertThat(answer.slots().get(7).end()).isEqualTo(berlin(WEDNESDAY, "17:00"));
  }

  @Test
  void theRequestedZoneDecidesWhichLocalDatesTheRangeCovers() {
    // Berlin is open 09:00-17:00 (08:00-16:00 UTC in March); Tokyo is UTC+9, so Wednesday in Tokyo
    // runs from Tuesday 15:00 UTC to Wednesday 15:00 UTC: Tuesday's 16:00 Berlin slot and
    // Wednesday's slots up to 15:00 UTC (16:00 Berlin start excluded, it starts at 15:00 UTC).
    aBerlinProviderOpenWeekdaysNineToFiveWithAnHourService();

    AvailableSlots answer = slots("s1", WEDNESDAY, WEDNESDAY, TOKYO);

    assertThat(answer.timeZone()).isEqualTo(TOKYO);
    assertThat(answer.slots().stream().map(Slot::start))
        .containsExactly(
            berlin(WEDNESDAY.minusDays(1), "16:00"),
            berlin(WEDNESDAY, "09:00"),
            berlin(WEDNESDAY, "10:00"),
            berlin(WEDNESDAY, "11:00"),
            berlin(WEDNESDAY, "12:00"),
            berlin(WEDNESDAY, "13:00"),
            berlin(WEDNESDAY, "14:00"),
            berlin(WEDNESDAY, "15:00"));
    // every start lies within Wednesday in Tokyo
    assertThat(answer.slots())
        .allSatisfy(
            slot -> assertThat(LocalDate.ofInstant(slot.start(), TOKYO)).isEqualTo(WEDNESDAY));
  }

  @Test
  void aRangeInNewYorkReachesIntoTheNextBerlinDay() {
    aBerlinProviderOpenWeekdaysNineToFiveWithAnHourService();

    // Tuesday in New York (UTC-5) is Tuesday 05:00 UTC to Wednesday 05:00 UTC
    List<Instant> starts =
        slots("s1", WEDNESDAY.minusDays(1), WEDNESDAY.minusDays(1), NEW_YORK).slots().stream()
            .map(Slot::start)
            .toList();

    assertThat(starts).hasSize(8).first().isEqualTo(berlin(WEDNESDAY.minusDays(1), "09:00"));
    assertThat(starts).allSatisfy(start -> assertThat(start).isBefore(berlin(WEDNESDAY, "00:00")));
  }

  @Test
  void bookingsOfAllServicesBlockWithTheirOwnBuffers() {
    readModels.given(
        aProviderCreated("p1", BERLIN),
        openWeekdaysNineToFive("p1"),
        aServiceAdded("p1", "short", SlotSettings.withDefaults(30)),
        aServiceAdded("p1", "long", SlotSettings.withDefaults(60).withBuffers(0, 30)),
        // a long booking 10:00-11:00 with 30 minutes after it: occupies 10:00-11:30
        aBookingPlaced("p1", "b1", "long", berlin(WEDNESDAY, "10:00"), 60, 0, 30, "c1"),
        // a short booking 13:00-13:30 without buffers
        aBookingPlaced("p1", "b2", "short", berlin(WEDNESDAY, "13:00"), 30, 0, 0, "c1"));

    assertThat(starts("short", WEDNESDAY))
        .doesNotContain(
            berlin(WEDNESDAY, "10:00"),
            berlin(WEDNESDAY, "10:30"),
            berlin(WEDNESDAY, "11:00"),
            berlin(WEDNESDAY, "13:00"))
        .contains(
            berlin(WEDNESDAY, "09:30"), berlin(WEDNESDAY, "11:30"), berlin(WEDNESDAY, "13:30"));
    // the long service's own buffer after (30 min) reaches into b2 from 12:00 on: 12:00-13:30
    assertThat(starts("long", WEDNESDAY))
        .doesNotContain(berlin(WEDNESDAY, "09:00"), berlin(WEDNESDAY, "12:00"))
        .contains(berlin(WEDNESDAY, "14:00"));
  }

  @Test
  void cancelledDeclinedCompletedAndNoShowBookingsFreeTheirTime() {
    aBerlinProviderOpenWeekdaysNineToFiveWithAnHourService();
    BookingPlacedEvent cancelledOne = booking("b1", "09:00");
    BookingPlacedEvent declinedOne = aPendingBooking(booking("b2", "10:00"));
    BookingPlacedEvent completedOne = booking("b3", "11:00");
    BookingPlacedEvent noShowOne = booking("b4", "12:00");
    BookingPlacedEvent confirmedOne = aPendingBooking(booking("b5", "13:00"));
    readModels.given(cancelledOne, declinedOne, completedOne, noShowOne, confirmedOne);
    assertThat(starts("s1", WEDNESDAY)).hasSize(3);

    readModels.given(
        cancelled(cancelledOne),
        declined(declinedOne),
        completed(completedOne),
        noShow(noShowOne),
        confirmed(confirmedOne));

    assertThat(starts("s1", WEDNESDAY))
        .hasSize(7)
        .doesNotContain(berlin(WEDNESDAY, "13:00"))
        .contains(
            berlin(WEDNESDAY, "09:00"),
            berlin(WEDNESDAY, "10:00"),
            berlin(WEDNESDAY, "11:00"),
            berlin(WEDNESDAY, "12:00"));
  }

  @Test
  void aRescheduledBookingMovesItsOccupancy() {
    aBerlinProviderOpenWeekdaysNineToFiveWithAnHourService();
    BookingPlacedEvent booking = booking("b1", "09:00");
    readModels.given(booking, rescheduled(booking, berlin(WEDNESDAY, "15:00")));

    assertThat(starts("s1", WEDNESDAY))
        .contains(berlin(WEDNESDAY, "09:00"))
        .doesNotContain(berlin(WEDNESDAY, "15:00"));
  }

  @Test
  void aBookingMovedIntoAnotherMonthLeavesTheOldMonthFree() {
    readModels.given(
        aProviderCreated("p1", BERLIN),
        openEveryDay("p1", "09:00", "17:00"),
        aServiceAdded("p1", "s1", SlotSettings.withDefaults(60)));
    LocalDate lastOfMarch = LocalDate.of(2026, 3, 31);
    LocalDate firstOfApril = LocalDate.of(2026, 4, 1);
    BookingPlacedEvent booking =
        aBookingPlaced("p1", "b1", "s1", berlin(lastOfMarch, "09:00"), 60, 0, 0, "c1");
    readModels.given(booking, rescheduled(booking, berlin(firstOfApril, "09:00")));

    assertThat(starts("s1", lastOfMarch)).contains(berlin(lastOfMarch, "09:00"));
    assertThat(starts("s1", firstOfApril)).doesNotContain(berlin(firstOfApril, "09:00"));
  }

  @Test
  void aDeactivatedServiceHasNoSlotsButItsBookingsStillBlockOthers() {
    readModels.given(
        aProviderCreated("p1", BERLIN),
        openWeekdaysNineToFive("p1"),
        aServiceAdded("p1", "s1", SlotSettings.withDefaults(60)),
        aServiceAdded("p1", "s2", SlotSettings.withDefaults(60)),
        aBookingPlaced("p1", "b1", "s2", berlin(WEDNESDAY, "09:00"), 60, 0, 0, "c1"),
        new ServiceDeactivatedEvent("p1", "s2", Events.OWNER, Events.AT));

    assertThat(slots("s2", WEDNESDAY, WEDNESDAY, null).slots()).isEmpty();
    assertThat(starts("s1", WEDNESDAY)).hasSize(7).doesNotContain(berlin(WEDNESDAY, "09:00"));
  }

  @Test
  void aChangedProviderZoneReinterpretsTheHoursAndKeepsTheBookings() {
    var created = aProviderCreated("p1", BERLIN);
    readModels.given(
        created,
        openWeekdaysNineToFive("p1"),
        aServiceAdded("p1", "s1", SlotSettings.withDefaults(60)),
        // 15:00 UTC: 16:00 in Berlin, 10:00 in New York
        aBookingPlaced("p1", "b1", "s1", Instant.parse("2026-03-04T15:00:00Z"), 60, 0, 0, "c1"));

    readModels.given(aZoneChange(created, NEW_YORK));

    AvailableSlots answer = slots("s1", WEDNESDAY, WEDNESDAY, null);
    assertThat(answer.timeZone()).isEqualTo(NEW_YORK);
    // 09:00-17:00 New York (UTC-5 on March 4th) is 14:00-22:00 UTC; 15:00 UTC is still taken
    assertThat(answer.slots().stream().map(Slot::start))
        .hasSize(7)
        .startsWith(Instant.parse("2026-03-04T14:00:00Z"), Instant.parse("2026-03-04T16:00:00Z"))
        .doesNotContain(Instant.parse("2026-03-04T15:00:00Z"));
  }

  @Test
  void overridesReplaceTheWeeklyHoursOfTheirDate() {
    readModels.given(
        aProviderCreated("p1", BERLIN),
        withOverrides(
            openWeekdaysNineToFive("p1"),
            DateOverride.open(WEDNESDAY, TimeInterval.of("20:00", "22:00")),
            DateOverride.closed(WEDNESDAY.plusDays(1))),
        aServiceAdded("p1", "s1", SlotSettings.withDefaults(60)));

    assertThat(starts("s1", WEDNESDAY))
        .containsExactly(berlin(WEDNESDAY, "20:00"), berlin(WEDNESDAY, "21:00"));
    assertThat(starts("s1", WEDNESDAY.plusDays(1))).isEmpty();
  }

  @Test
  void nowAndTheHorizonComeFromTheClock() {
    // now is Monday 09:00 Berlin; 2 hours' notice; 2 days ahead at most
    readModels.given(
        aProviderCreated("p1", BERLIN),
        openWeekdaysNineToFive("p1"),
        aServiceAdded(
            "p1",
            "s1",
            SlotSettings.withDefaults(60).withMinimumNotice(120).withMaxDaysInAdvance(2)));
    LocalDate monday = LocalDate.of(2026, 3, 2);

    List<Slot> slots = slots("s1", monday, monday.plusDays(6), null).slots();

    assertThat(slots.get(0).start()).isEqualTo(berlin(monday, "11:00"));
    assertThat(slots.get(slots.size() - 1).start()).isEqualTo(berlin(WEDNESDAY, "16:00"));
  }

  @Test
  void anUnknownProviderOrServiceIsRefusedAsNotFound() {
    aBerlinProviderOpenWeekdaysNineToFiveWithAnHourService();

    for (String[] unknown : new String[][] {{"nobody", "s1"}, {"p1", "nothing"}}) {
      assertThatThrownBy(
              () ->
                  readModels
                      .queries()
                      .query(
                          new FindAvailableSlotsQuery(
                              unknown[0], unknown[1], WEDNESDAY, WEDNESDAY, null),
                          ResponseTypes.instanceOf(AvailableSlots.class))
                      .join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              QueryExecutionException.class,
              e ->
                  assertThat(e.getDetails())
                      .get()
                      .isInstanceOfSatisfying(
                          Refusal.class,
                          refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.NOT_FOUND)));
    }
  }

  @Test
  void aPreviewAnswersTheSlotsOfHoursNotSavedWithTheBookingsAsTheyAre() {
    // stored: weekdays 09:00-17:00; previewed: Wednesday 12:00-15:00 and an evening 22:00-01:00
    // that runs overnight, Thursday closed; a booking at 13:00 takes its hour either way
    aBerlinProviderOpenWeekdaysNineToFiveWithAnHourService();
    readModels.given(booking("b1", "13:00"));
    LocalDate thursday = WEDNESDAY.plusDays(1);
    PreviewSlotsQuery preview =
        new PreviewSlotsQuery(
            "p1",
            "s1",
            WEDNESDAY,
            thursday,
            List.of(
                WeeklyHours.of(DayOfWeek.WEDNESDAY, "12:00", "15:00"),
                WeeklyHours.of(DayOfWeek.WEDNESDAY, "22:00", "01:00"),
                WeeklyHours.of(DayOfWeek.THURSDAY, "09:00", "17:00")),
            List.of(DateOverride.closed(thursday)));

    AvailableSlots previewed =
        readModels.queries().query(preview, ResponseTypes.instanceOf(AvailableSlots.class)).join();

    assertThat(previewed.timeZone()).isEqualTo(BERLIN);
    assertThat(previewed.slots().stream().map(Slot::start))
        .containsExactly(
            berlin(WEDNESDAY, "12:00"),
            berlin(WEDNESDAY, "14:00"),
            berlin(WEDNESDAY, "22:00"),
            berlin(WEDNESDAY, "23:00"),
            berlin(thursday, "00:00"));
    assertThat(starts("s1", WEDNESDAY)).as("nothing saved").hasSize(7);
    assertThatThrownBy(
            () ->
                readModels
                    .queries()
                    .query(
                        new PreviewSlotsQuery(
                            "p1", "nothing", WEDNESDAY, WEDNESDAY, List.of(), List.of()),
                        ResponseTypes.instanceOf(AvailableSlots.class))
                    .join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(QueryExecutionException.class);
  }

  @Test
  void subscribersGetTheRecomputedSlotsWhenABookingInTheirRangeChanges() {
    aBerlinProviderOpenWeekdaysNineToFiveWithAnHourService();
    var inRange = new FindAvailableSlotsQuery("p1", "s1", WEDNESDAY, WEDNESDAY, TOKYO);
    var laterRange =
        new FindAvailableSlotsQuery(
            "p1", "s1", WEDNESDAY.plusDays(20), WEDNESDAY.plusDays(21), null);
    var otherProvider = new FindAvailableSlotsQuery("p2", "s1", WEDNESDAY, WEDNESDAY, null);
    List<AvailableSlots> updates = new CopyOnWriteArrayList<>();
    List<AvailableSlots> laterUpdates = new CopyOnWriteArrayList<>();
    var subscription = subscribe(inRange, updates);
    var later = subscribe(laterRange, laterUpdates);
    var other = subscribe(otherProvider, new CopyOnWriteArrayList<>());
    assertThat(subscription.initialResult().block().slots()).hasSize(8);

    BookingPlacedEvent booking = booking("b1", "10:00");
    readModels.given(booking);
    readModels.given(cancelled(booking));

    assertThat(updates).hasSize(2);
    assertThat(updates.get(0).timeZone()).isEqualTo(TOKYO);
    assertThat(updates.get(0).slots()).hasSize(7);
    assertThat(updates.get(1).slots()).hasSize(8);
    assertThat(laterUpdates).isEmpty();
    subscription.close();
    later.close();
    other.close();
  }

  @Test
  void aScheduleChangeUpdatesEverySubscriptionOfTheProvider() {
    aBerlinProviderOpenWeekdaysNineToFiveWithAnHourService();
    List<AvailableSlots> updates = new CopyOnWriteArrayList<>();
    var subscription =
        subscribe(new FindAvailableSlotsQuery("p1", "s1", WEDNESDAY, WEDNESDAY, null), updates);

    readModels.given(openEveryDay("p1", "10:00", "12:00"));

    assertThat(updates).singleElement().satisfies(u -> assertThat(u.slots()).hasSize(2));
    subscription.close();
  }

  @Test
  void everySubscriberOfTheSameQueryGetsTheUpdateOnce() {
    aBerlinProviderOpenWeekdaysNineToFiveWithAnHourService();
    var query = new FindAvailableSlotsQuery("p1", "s1", WEDNESDAY, WEDNESDAY, null);
    List<AvailableSlots> first = new CopyOnWriteArrayList<>();
    List<AvailableSlots> second = new CopyOnWriteArrayList<>();
    var one = subscribe(query, first);
    var two = subscribe(query, second);

    readModels.given(booking("b1", "10:00"));

    assertThat(first).singleElement().satisfies(u -> assertThat(u.slots()).hasSize(7));
    assertThat(second).isEqualTo(first);
    one.close();
    two.close();
  }

  private org.axonframework.queryhandling.SubscriptionQueryResult<AvailableSlots, AvailableSlots>
      subscribe(FindAvailableSlotsQuery query, List<AvailableSlots> updates) {
    var result =
        readModels
            .queries()
            .subscriptionQuery(
                query,
                ResponseTypes.instanceOf(AvailableSlots.class),
                ResponseTypes.instanceOf(AvailableSlots.class));
    result.updates().subscribe(updates::add);
    return result;
  }

  private BookingPlacedEvent booking(String bookingId, String berlinTime) {
    return aBookingPlaced("p1", bookingId, "s1", berlin(WEDNESDAY, berlinTime), 60, 0, 0, "c1");
  }
}
