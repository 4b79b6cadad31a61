package io.calisera.queryit;

import static io.calisera.query.support.Events.aBookingPlaced;
import static io.calisera.query.support.Events.aPendingBooking;
import static io.calisera.query.support.Events.aProviderCreated;
import static io.calisera.query.support.Events.aServiceAdded;
import static io.calisera.query.support.Events.anAccountRegistered;
import static io.calisera.query.support.Events.cancelled;
import static io.calisera.query.support.Events.confirmed;
import static io.calisera.query.support.Events.openEveryDay;
import static io.calisera.query.support.Events.rescheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.calisera.api.account.AccountView;
import io.calisera.api.account.FindAccountQuery;
import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.booking.FindCustomerBookingsQuery;
import io.calisera.api.booking.FindProviderBookingsQuery;
import io.calisera.api.common.MessageSerialization;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.FindScheduleQuery;
import io.calisera.api.provider.FindServicesQuery;
import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.ScheduleView;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.api.provider.ServiceList;
import io.calisera.api.provider.SlugClaimedEvent;
import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import io.calisera.api.readmodel.ReadModelPositions.ReadModelPosition;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.query.QuerySideApplication;
import io.calisera.query.admin.ProjectionAdmin;
import io.calisera.service.AxonWiring;
import io.calisera.testing.HubProcess;
import io.calisera.testing.HubTester;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * query-side in this JVM against the real hub (a separate process), fed by a stand-in for the
 * command side through the hub's event store, asked through the hub's query routing.
 */
class QuerySideIT {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** The business clock of query-side stands still here: Monday 2026-03-02 08:00 UTC. */
  static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

  static final LocalDate WEDNESDAY = LocalDate.of(2026, 3, 4);

  @TempDir static Path home;
  static HubProcess hub;
  static ConfigurableApplicationContext querySide;
  static HubTester client;

  @BeforeAll
  static void start() {
    hub = HubProcess.start(home.resolve("hub"));
    var arguments = new ArrayList<>(hub.connectionArguments("query-side"));
    arguments.addAll(
        List.of(
            "--server.port=0",
            "--axon.axonserver.client-id=query-side-it",
            "--calisera.query.home=" + home.resolve("calisera"),
            "--calisera.fixed-now=" + NOW));
    querySide =
        // arguments, not default properties: those would lose against application.yml
        new SpringApplicationBuilder(QuerySideApplication.class)
            .run(arguments.toArray(String[]::new));
    client = HubTester.connect(hub, "hub-client", MessageSerialization.objectMapper());
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (querySide != null) {
      querySide.close();
    }
    if (hub != null) {
      hub.stop();
    }
  }

  static QueryGateway queries() {
    return client.queries();
  }

  static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  @Test
  void axonUsesTheMongoTokenStoreJacksonAndNoTransactions() throws Exception {
    AxonWiring axon = querySide.getBean(AxonWiring.class);

    assertThat(axon.problems()).isEmpty();
    String pooledInMongo =
        "PooledStreamingEventProcessor, tokens in MongoTokenStore, NoTransactionManager";
    assertThat(axon.describe())
        .containsEntry("processor accounts", pooledInMongo)
        .containsEntry("processor providers", pooledInMongo)
        .containsEntry("processor bookings", pooledInMongo)
        .containsEntry("processor slots", pooledInMongo)
        .containsEntry("event serializer", "JacksonSerializer with the api's ObjectMapper")
        .containsEntry("transaction manager", "NoTransactionManager");

    int port = ((WebServerApplicationContext) querySide).getWebServer().getPort();
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components");
  }

  @Test
  void eventsPublishedToTheHubShowUpInEveryReadModel() {
    String account = id("acc");
    String provider = id("prov");
    String slug = "salon-" + provider.substring(5, 13);
    BookingPlacedEvent booking =
        aPendingBooking(
            aBookingPlaced(
                provider,
                id("book"),
                "s1",
                Instant.parse("2026-03-04T09:00:00Z"),
                60,
                0,
                15,
                account));
    client.publish(anAccountRegistered(account));
    client.publish(
        aProviderCreated(provider, "Salon " + provider, slug, BERLIN),
        aServiceAdded(provider, "s1", SlotSettings.withDefaults(60)),
        openEveryDay(provider, "09:00", "17:00"),
        booking,
        confirmed(booking));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        queries()
                            .query(
                                new FindBookingQuery(booking.bookingId()),
                                ResponseTypes.optionalInstanceOf(BookingView.class))
                            .join())
                    .hasValueSatisfying(
                        view -> assertThat(view.status()).isEqualTo(BookingStatus.CONFIRMED)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(
                      queries()
                          .query(
                              new FindAccountQuery(account),
                              ResponseTypes.optionalInstanceOf(AccountView.class))
                          .join())
                  .isPresent();
              assertThat(
                      queries()
                          .query(
                              new FindProviderQuery(slug),
                              ResponseTypes.optionalInstanceOf(ProviderView.class))
                          .join())
                  .hasValueSatisfying(view -> assertThat(view.providerId()).isEqualTo(provider));
              // 10:00-11:00 Berlin plus 15 minutes after it also blocks 11:00
              assertThat(slots(provider, "s1", WEDNESDAY).slots()).hasSize(6);
            });
    assertThat(
            queries()
                .query(
                    new FindProviderQuery("no-such-provider"),
                    ResponseTypes.optionalInstanceOf(ProviderView.class))
                .join())
        .isEmpty();
    assertThat(
            queries()
                .query(
                    new SearchProvidersQuery(provider.substring(5, 13), null, "berlin", 0, 10),
                    ResponseTypes.instanceOf(ProviderPage.class))
                .join()
                .total())
        .isEqualTo(1);
    assertThat(
            queries()
                .query(
                    new FindServicesQuery(provider, true),
                    ResponseTypes.instanceOf(ServiceList.class))
                .join()
                .services())
        .hasSize(1);
    assertThat(
            queries()
                .query(
                    new FindScheduleQuery(provider),
                    ResponseTypes.optionalInstanceOf(ScheduleView.class))
                .join()
                .orElseThrow()
                .weekly())
        .hasSize(7);
    assertThat(
            queries()
                .query(
                    new FindProviderBookingsQuery(provider, null, null, null, 0, 10),
                    ResponseTypes.instanceOf(BookingPage.class))
                .join()
                .items())
        .extracting(BookingView::bookingId)
        .containsExactly(booking.bookingId());
    assertThat(
            queries()
                .query(
                    new FindCustomerBookingsQuery(
                        account, null, null, BookingStatus.CONFIRMED, 0, 10),
                    ResponseTypes.instanceOf(BookingPage.class))
                .join()
                .total())
        .isEqualTo(1);
  }

  @Test
  void anUnknownServiceIsRefusedWithNotFoundAcrossTheHub() {
    assertThatThrownBy(() -> slots(id("nobody"), "s1", WEDNESDAY))
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

  @Test
  void subscribersGetTheSlotsAndTheBookingAfterABookingEvent() {
    String provider = id("prov");
    client.publish(
        aProviderCreated(provider, BERLIN),
        aServiceAdded(provider, "s1", SlotSettings.withDefaults(60)),
        openEveryDay(provider, "09:00", "17:00"));
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(slots(provider, "s1", WEDNESDAY).slots()).hasSize(8));

    var slotSubscription =
        queries()
            .subscriptionQuery(
                new FindAvailableSlotsQuery(provider, "s1", WEDNESDAY, WEDNESDAY, null),
                ResponseTypes.instanceOf(AvailableSlots.class),
                ResponseTypes.instanceOf(AvailableSlots.class));
    List<AvailableSlots> slotUpdates = new CopyOnWriteArrayList<>();
    assertThat(slotSubscription.initialResult().block().slots()).hasSize(8);
    slotSubscription.updates().subscribe(slotUpdates::add);

    BookingPlacedEvent booking =
        aBookingPlaced(
            provider, id("book"), "s1", Instant.parse("2026-03-04T10:00:00Z"), 60, 0, 0, null);
    // read-your-writes as the bff does it: subscribe to the booking before it exists (the initial
    // result asked as a nullable instance: an Optional one cannot cross Axon Server)
    var bookingSubscription =
        queries()
            .subscriptionQuery(
                new FindBookingQuery(booking.bookingId()),
                ResponseTypes.instanceOf(BookingView.class),
                ResponseTypes.instanceOf(BookingView.class));
    assertThat(bookingSubscription.initialResult().block()).isNull();
    List<BookingView> bookingUpdates = new CopyOnWriteArrayList<>();
    bookingSubscription.updates().subscribe(bookingUpdates::add);

    client.publish(booking);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(bookingUpdates)
                  .extracting(BookingView::status)
                  .containsExactly(BookingStatus.CONFIRMED);
              assertThat(slotUpdates).isNotEmpty();
              assertThat(slotUpdates.get(slotUpdates.size() - 1).slots()).hasSize(7);
            });

    client.publish(rescheduled(booking, Instant.parse("2026-03-04T14:00:00Z")), cancelled(booking));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(bookingUpdates)
                  .extracting(BookingView::status)
                  .endsWith(BookingStatus.CANCELLED);
              assertThat(slotUpdates.get(slotUpdates.size() - 1).slots()).hasSize(8);
            });
    slotSubscription.close();
    bookingSubscription.close();
  }

  @Test
  void theReadModelPositionsReachTheLastTokenAlsoOverEventsNoReadModelHandles() {
    String provider = id("prov");
    String slug = "pos-" + provider.substring(5, 13);
    // a first event that no read model reads: every processor block-lists its type, so the
    // second one reaches them only as the last skipped event that the hub sends at the head
    client.publish(new SlugClaimedEvent(slug + "-old", provider, "acc-1", NOW));
    awaitPositionsAtTheLastToken();
    client.publish(
        aProviderCreated(provider, "Salon " + provider, slug, BERLIN),
        aServiceAdded(provider, "s1", SlotSettings.withDefaults(60)),
        new SlugClaimedEvent(slug, provider, "acc-1", NOW));

    awaitPositionsAtTheLastToken();

    assertThat(positions().readModels())
        .extracting(ReadModelPosition::name)
        .containsExactly("accounts", "providers", "bookings", "slots", "audit");
    // a position covers the documents of every event up to it
    assertThat(
            queries()
                .query(
                    new FindProviderQuery(provider),
                    ResponseTypes.optionalInstanceOf(ProviderView.class))
                .join())
        .hasValueSatisfying(view -> assertThat(view.services()).hasSize(1));
  }

  private static void awaitPositionsAtTheLastToken() {
    long last = client.lastToken();
    await().atMost(Duration.ofSeconds(20)).until(() -> positions().lowest() >= last);
  }

  private static ReadModelPositions positions() {
    return queries()
        .query(new FindReadModelPositionsQuery("query-side-it"), ReadModelPositions.class)
        .join();
  }

  @Test
  void aReplayRebuildsIdenticalReadModels() {
    String provider = id("prov");
    BookingPlacedEvent first =
        aBookingPlaced(
            provider, id("book"), "s1", Instant.parse("2026-03-05T09:00:00Z"), 60, 10, 5, "c-1");
    BookingPlacedEvent second =
        aBookingPlaced(
            provider, id("book"), "s1", Instant.parse("2026-03-05T12:00:00Z"), 60, 10, 5, "c-2");
    client.publish(anAccountRegistered(id("acc")));
    client.publish(
        aProviderCreated(provider, BERLIN),
        aServiceAdded(provider, "s1", SlotSettings.withDefaults(60).withBuffers(10, 5)),
        openEveryDay(provider, "08:00", "18:00"),
        first,
        second,
        rescheduled(first, Instant.parse("2026-04-02T09:00:00Z")),
        cancelled(second));
    ProjectionAdmin admin = querySide.getBean(ProjectionAdmin.class);
    awaitCaughtUp(admin);
    Map<String, Map<Object, Document>> before = readModels();
    assertThat(before.get("bookings")).isNotEmpty();
    assertThat(before.get("occupancy")).isNotEmpty();

    for (String name : admin.names()) {
      admin.replay(name);
    }
    awaitCaughtUp(admin);

    Map<String, Map<Object, Document>> after = readModels();
    assertThat(after).isEqualTo(before);
  }

  private static void awaitCaughtUp(ProjectionAdmin admin) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(admin.names())
                    .allSatisfy(
                        name -> {
                          var status = admin.status(name);
                          assertThat(status.state()).isEqualTo("RUNNING");
                          assertThat(status.position()).isEqualTo(status.headPosition());
                        }));
  }

  /** Every read model document by collection and id (tokens and markers left out). */
  private static Map<String, Map<Object, Document>> readModels() {
    MongoTemplate mongo = querySide.getBean(MongoTemplate.class);
    Map<String, Map<Object, Document>> all = new TreeMap<>();
    for (String name : mongo.getCollectionNames()) {
      if (name.equals("tokens") || name.equals("replays")) {
        continue;
      }
      Map<Object, Document> documents = new TreeMap<>();
      for (Document document : mongo.getCollection(name).find()) {
        documents.put(String.valueOf(document.get("_id")), document);
      }
      all.put(name, documents);
    }
    return all;
  }

  private static AvailableSlots slots(String provider, String service, LocalDate date) {
    return queries()
        .query(
            new FindAvailableSlotsQuery(provider, service, date, date, null),
            ResponseTypes.instanceOf(AvailableSlots.class))
        .join();
  }
}
