package io.calisera.queryit;

import static io.calisera.query.support.Events.aBookingPlaced;
import static io.calisera.query.support.Events.aServiceAdded;
import static io.calisera.query.support.Events.cancelled;
import static io.calisera.query.support.Events.openEveryDay;
import static io.calisera.query.support.Events.rescheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.booking.FindProviderBookingsQuery;
import io.calisera.api.common.MessageSerialization;
import io.calisera.api.provider.FindServicesQuery;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.api.provider.ServiceList;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.testing.HubProcess;
import io.calisera.testing.HubTester;
import io.calisera.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * query-side as the built jar in its own JVM, killed with SIGKILL while a burst of events is being
 * projected, then started again on the same data: every read model must end up complete, with every
 * event applied exactly once (histories without repeated entries).
 */
class KillIT {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 5);
  static final int PROVIDERS = 40;
  static final int BOOKINGS_PER_PROVIDER = 30;

  @TempDir static Path home;
  static HubProcess hub;
  static ServiceProcess querySide;
  static HubTester client;

  @BeforeAll
  static void start() {
    hub = HubProcess.start(home.resolve("hub"));
    int port = ServiceProcess.freePort();
    querySide =
        ServiceProcess.of(
            "query-side",
            home.resolve("query-side.log"),
            port,
            hub.connectionEnvironment(
                "query-side", Map.of("CALISERA_HOME", home.resolve("calisera").toString())),
            List.of(
                "--server.port=" + port,
                "--axon.axonserver.client-id=query-side-kill-it",
                "--calisera.fixed-now=2026-03-02T08:00:00Z"),
            ServiceProcess.TEST_JVM);
    querySide.start();
    client = HubTester.connect(hub, "hub-client", MessageSerialization.objectMapper());
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (querySide != null) {
      querySide.stop();
    }
    if (hub != null) {
      hub.stop();
    }
  }

  /** What one provider's history leaves behind. */
  record Expected(
      String providerId,
      Map<String, BookingStatus> statuses,
      Map<String, Integer> historySizes,
      int liveBookings) {}

  @Test
  void afterAKillDuringProjectionTheRestartedServiceHasCompleteReadModels() throws Exception {
    String category = "kill-" + UUID.randomUUID().toString().substring(0, 8);
    List<Object[]> chunks = new ArrayList<>();
    List<Expected> expected = new ArrayList<>();
    for (int p = 0; p < PROVIDERS; p++) {
      history(category, chunks, expected);
    }
    QueryGateway queries = client.queries();

    // a burst, one provider's history per append, still going on while query-side dies
    CompletableFuture<Void> burst =
        CompletableFuture.runAsync(
            () -> {
              for (Object[] chunk : chunks) {
                client.publish(chunk);
                sleep(150);
              }
            });
    String firstBooking = expected.get(0).statuses().keySet().iterator().next();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                queries
                    .query(
                        new FindBookingQuery(firstBooking),
                        ResponseTypes.optionalInstanceOf(BookingView.class))
                    .join()
                    .isPresent());
    assertThat(burst).as("killed while events are still arriving").isNotDone();
    querySide.kill();
    burst.join();

    querySide.start();

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        queries
                            .query(
                                new SearchProvidersQuery(null, category, null, 0, 100),
                                ResponseTypes.instanceOf(ProviderPage.class))
                            .join()
                            .total())
                    .isEqualTo(PROVIDERS));
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions() // a read model still catching up may not know a provider yet
        .untilAsserted(() -> assertThat(expected).allSatisfy(e -> assertComplete(queries, e)));
    assertThat(Files.readString(querySide.log()))
        .as("the restarted service was verified to keep its tokens in MongoDB")
        .contains(
            "Axon processor accounts: PooledStreamingEventProcessor, tokens in MongoTokenStore",
            "Axon processor providers: PooledStreamingEventProcessor, tokens in MongoTokenStore");
  }

  private static void assertComplete(QueryGateway queries, Expected expected) {
    BookingPage agenda =
        queries
            .query(
                new FindProviderBookingsQuery(expected.providerId(), null, null, null, 0, 100),
                ResponseTypes.instanceOf(BookingPage.class))
            .join();
    Map<String, BookingStatus> statuses = new HashMap<>();
    Map<String, Integer> historySizes = new HashMap<>();
    for (BookingView booking : agenda.items()) {
      statuses.put(booking.bookingId(), booking.status());
      historySizes.put(booking.bookingId(), booking.history().size());
    }
    assertThat(statuses).isEqualTo(expected.statuses());
    assertThat(historySizes).as("every event applied once").isEqualTo(expected.historySizes());
    assertThat(
            queries
                .query(
                    new FindServicesQuery(expected.providerId(), true),
                    ResponseTypes.instanceOf(ServiceList.class))
                .join()
                .services())
        .hasSize(1);
    AvailableSlots slots =
        queries
            .query(
                new FindAvailableSlotsQuery(
                    expected.providerId(), "s1", FIRST_DAY, FIRST_DAY.plusDays(2), null),
                ResponseTypes.instanceOf(AvailableSlots.class))
            .join();
    // open 08:00-20:00 on three days: 36 hours, one taken by each live booking
    assertThat(slots.slots()).hasSize(36 - expected.liveBookings());
  }

  /** Provider, service, hours, bookings, then some cancelled and some moved to the evening. */
  private static void history(String category, List<Object[]> chunks, List<Expected> expected) {
    String provider = "kill-" + UUID.randomUUID();
    List<Object> events = new ArrayList<>();
    events.add(
        new ProviderCreatedEvent(
            provider,
            "owner",
            "Kill " + provider,
            null,
            BERLIN,
            null,
            category,
            "Berlin",
            "owner",
            Instant.parse("2026-03-01T10:00:00Z")));
    events.add(aServiceAdded(provider, "s1", SlotSettings.withDefaults(60)));
    events.add(openEveryDay(provider, "08:00", "20:00"));
    List<BookingPlacedEvent> placed = new ArrayList<>();
    Map<String, BookingStatus> statuses = new HashMap<>();
    Map<String, Integer> historySizes = new HashMap<>();
    for (int j = 0; j < BOOKINGS_PER_PROVIDER; j++) {
      LocalDate day = FIRST_DAY.plusDays(j / 10);
      Instant start = day.atTime(LocalTime.of(8 + j % 10, 0)).atZone(BERLIN).toInstant();
      BookingPlacedEvent booking =
          aBookingPlaced(provider, provider + "-b" + j, "s1", start, 60, 0, 0, "customer-" + j);
      placed.add(booking);
      events.add(booking);
      statuses.put(booking.bookingId(), BookingStatus.CONFIRMED);
      historySizes.put(booking.bookingId(), 1);
    }
    int live = BOOKINGS_PER_PROVIDER;
    int evening = 0;
    for (int j = 0; j < BOOKINGS_PER_PROVIDER; j++) {
      BookingPlacedEvent booking = placed.get(j);
      if (j % 3 == 0) {
        events.add(cancelled(booking));
        statuses.put(booking.bookingId(), BookingStatus.CANCELLED);
        historySizes.merge(booking.bookingId(), 1, Integer::sum);
        live--;
      } else if (j % 7 == 1) {
        LocalDate day = FIRST_DAY.plusDays(j / 10);
        int hour = 18 + (evening++ % 2);
        events.add(
            rescheduled(booking, day.atTime(LocalTime.of(hour, 0)).atZone(BERLIN).toInstant()));
        historySizes.merge(booking.bookingId(), 1, Integer::sum);
      }
    }
    chunks.add(events.toArray());
    expected.add(new Expected(provider, statuses, historySizes, live));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
