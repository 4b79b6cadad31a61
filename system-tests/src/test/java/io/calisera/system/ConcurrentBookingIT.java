package io.calisera.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.Customer;
import io.calisera.api.booking.FindProviderBookingsQuery;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.CommandFailures;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.Role;
import io.calisera.api.provider.AddServiceCommand;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.api.provider.ReplaceScheduleCommand;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.BookedRange;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.InstantRange;
import io.calisera.api.schedule.Schedule;
import io.calisera.api.schedule.Slot;
import io.calisera.api.schedule.SlotEngine;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.api.schedule.WeeklyHours;
import io.calisera.testing.PlatformProcesses;
import io.calisera.testing.PlatformProcesses.Service;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule 3 of docs/api.md across processes: the hub, two command-side instances and a query side,
 * each its own JVM. Many customers at once try one slot, or slots that overlap each other; exactly
 * one of them gets a live booking, the others are told the slot is taken, and the slot query
 * agrees.
 */
@Order(0) // before SharedPlatform starts, so that one platform runs at a time
class ConcurrentBookingIT {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2030-06-03T06:00:00Z"); // a Monday morning
  private static final LocalDate CONTESTED_DAY = LocalDate.parse("2030-06-05");
  private static final SlotSettings HOUR_ON_HALF_HOURS_WITH_CLEAN_UP =
      SlotSettings.withDefaults(60, 0, 30, 30, 0, 60);

  @TempDir static Path home;
  static PlatformProcesses platform;
  static PlatformClient client;
  static String providerId;
  static String serviceId;

  @BeforeAll
  static void startThePlatformWithAProviderOpenEveryDayNineToFive() {
    platform = PlatformProcesses.in(home).fixedNow(NOW).instances(Service.COMMAND_SIDE, 2).start();
    client = PlatformClient.connect(platform.hub());

    String owner = UUID.randomUUID().toString();
    client.send(
        new RegisterAccountCommand(
            owner, "owner@example.com", "Owner", Set.of(Role.CUSTOMER), Actor.SYSTEM, NOW));
    Actor ownerActor = Actor.account(owner, Set.of(Role.CUSTOMER));
    providerId = UUID.randomUUID().toString();
    client.send(
        new CreateProviderCommand(
            providerId, "Studio Race", null, BERLIN, null, "hair", "Berlin", ownerActor, NOW));
    serviceId = UUID.randomUUID().toString();
    client.send(
        new AddServiceCommand(
            providerId,
            serviceId,
            new ServiceDefinition("Cut", HOUR_ON_HALF_HOURS_WITH_CLEAN_UP, null, 0, false, null),
            ownerActor,
            NOW));
    client.send(
        new ReplaceScheduleCommand(
            providerId,
            Arrays.stream(DayOfWeek.values())
                .map(d -> WeeklyHours.of(d, "09:00", "17:00"))
                .toList(),
            List.of(),
            ownerActor,
            NOW));
  }

  @AfterAll
  static void stopThePlatform() {
    if (client != null) {
      client.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void sixtyCustomersTryOneSlotAndExactlyOneGetsIt() throws Exception {
    List<Outcome> outcomes = attemptsAtOnce(60, attempt -> at("10:00"));

    assertThat(outcomes).filteredOn(Outcome::booked).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !o.booked())
        .extracting(Outcome::refusal)
        .hasSize(59)
        .allMatch(code -> code == RefusalCode.SLOT_TAKEN);
    assertTheSlotQueryAgreesWithTheLiveBookings();
  }

  @Test
  void fiftyCustomersTryThreeMutuallyOverlappingStartsAndExactlyOneGetsOne() throws Exception {
    // with the clean-up, 12:30, 13:00 and 13:30 each occupy 90 minutes: every two overlap
    List<Instant> starts = List.of(at("12:30"), at("13:00"), at("13:30"));
    List<Outcome> outcomes = attemptsAtOnce(50, attempt -> starts.get(attempt % starts.size()));

    assertThat(outcomes).filteredOn(Outcome::booked).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !o.booked())
        .extracting(Outcome::refusal)
        .hasSize(49)
        .allMatch(code -> code == RefusalCode.SLOT_TAKEN);
    assertTheSlotQueryAgreesWithTheLiveBookings();
  }

  /** The slots the query side offers are exactly those the rules give for the live bookings. */
  private static void assertTheSlotQueryAgreesWithTheLiveBookings() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<BookingView> live = liveBookingsOnTheContestedDay();
              List<BookedRange> occupied =
                  live.stream()
                      .map(b -> new BookedRange(b.bookingId(), b.start(), b.end(), 0, 30))
                      .toList();
              for (BookedRange a : occupied) {
                for (BookedRange b : occupied) {
                  boolean overlap =
                      a != b
                          && a.occupiedFrom().isBefore(b.occupiedUntil())
                          && b.occupiedFrom().isBefore(a.occupiedUntil());
                  assertThat(overlap).as("live bookings %s and %s overlap", a, b).isFalse();
                }
              }
              List<Slot> expected =
                  SlotEngine.availableSlots(
                      schedule(),
                      HOUR_ON_HALF_HOURS_WITH_CLEAN_UP,
                      occupied,
                      NOW,
                      InstantRange.ofLocalDates(CONTESTED_DAY, CONTESTED_DAY, BERLIN));
              AvailableSlots offered =
                  client
                      .queries()
                      .query(
                          new FindAvailableSlotsQuery(
                              providerId, serviceId, CONTESTED_DAY, CONTESTED_DAY, null),
                          AvailableSlots.class)
                      .get(10, TimeUnit.SECONDS);
              assertThat(offered.slots()).isEqualTo(expected);
              for (BookingView booking : live) {
                assertThat(offered.slots()).extracting(Slot::start).doesNotContain(booking.start());
              }
            });
  }

  private static List<BookingView> liveBookingsOnTheContestedDay() throws Exception {
    InstantRange day = InstantRange.ofLocalDates(CONTESTED_DAY, CONTESTED_DAY, BERLIN);
    BookingPage page =
        client
            .queries()
            .query(
                new FindProviderBookingsQuery(
                    providerId, day.start(), day.endExclusive(), null, 0, 100),
                BookingPage.class)
            .get(10, TimeUnit.SECONDS);
    return page.items().stream().filter(b -> b.status().isLive()).toList();
  }

  private record Outcome(BookingReceipt receipt, RefusalCode refusal) {
    boolean booked() {
      return receipt != null;
    }
  }

  private interface StartOf {
    Instant attempt(int attempt);
  }

  /** Sends all attempts at the same moment, each as a different guest, and waits for them all. */
  private static List<Outcome> attemptsAtOnce(int attempts, StartOf startOf) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(attempts);
    try {
      var go = new CountDownLatch(1);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        int attempt = i;
        futures.add(
            threads.submit(
                () -> {
                  go.await();
                  return place(startOf.attempt(attempt), attempt);
                }));
      }
      go.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get(120, TimeUnit.SECONDS)); // every attempt ends: no hang
      }
      return outcomes;
    } finally {
      threads.shutdownNow();
    }
  }

  private static Outcome place(Instant start, int attempt) {
    var command =
        new PlaceBookingCommand(
            providerId,
            UUID.randomUUID().toString(),
            serviceId,
            start,
            new Customer("Guest " + attempt, "guest" + attempt + "@example.com", null, null),
            null,
            null,
            null,
            Actor.GUEST,
            NOW);
    try {
      return new Outcome(client.send(command), null);
    } catch (CompletionException failure) {
      Refusal refusal =
          CommandFailures.refusal(failure.getCause())
              .orElseThrow(() -> new AssertionError("not a business refusal", failure));
      return new Outcome(null, refusal.code());
    }
  }

  private static Instant at(String localTime) {
    return CONTESTED_DAY.atTime(LocalTime.parse(localTime)).atZone(BERLIN).toInstant();
  }

  private static Schedule schedule() {
    return Schedule.weekly(
        BERLIN,
        Arrays.stream(DayOfWeek.values()).map(d -> WeeklyHours.of(d, "09:00", "17:00")).toList());
  }
}
