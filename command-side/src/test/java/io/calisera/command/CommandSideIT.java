package io.calisera.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import io.calisera.api.account.GrantRolesCommand;
import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.account.RolesGrantedEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.booking.Customer;
import io.calisera.api.booking.Idempotency;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.CommandFailures;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.Role;
import io.calisera.api.provider.AddServiceCommand;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.api.provider.ReplaceScheduleCommand;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.api.schedule.WeeklyHours;
import io.calisera.command.common.UnattestedActorRefusal;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command side as it runs: two instances in this JVM, connected through the stock Axon Server
 * connector to the real hub (its built jar, in its own process). Business times are fixed; the
 * hub's clock plays no part in any decision. Each instance has the command side's rights and may
 * also send commands, because the tests send through them: the first one's as the bff does, for
 * people and as the platform; the second one's as the notification saga does, as the platform only.
 */
class CommandSideIT {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = berlin("2026-06-01T08:00");
  private static final Instant TUESDAY_TEN = berlin("2026-06-02T10:00");
  private static final Customer BO = new Customer("Bo Chen", "bo@example.com", null, null);
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir static Path home;
  static HubProcess hub;
  static ConfigurableApplicationContext first;
  static ConfigurableApplicationContext second;
  static CommandGateway gateway;

  /**
   * The command side's rights, and the bff's to send commands for people and as the platform: the
   * test sends its commands through the first instance's gateway.
   */
  private static final String ACTING_FOR_PEOPLE = "command-side-acting-for-people";

  /**
   * The command side's rights, and the notification saga's to send commands as the platform (the
   * command side itself sends none).
   */
  private static final String ACTING_AS_PLATFORM = "command-side-acting-as-platform";

  @BeforeAll
  static void startHubAndTwoInstances() {
    HubApplications applications = HubApplications.platform();
    hub =
        HubProcess.start(
            home,
            applications
                .with(
                    ACTING_FOR_PEOPLE,
                    applications.rights("command-side")
                        + ",dispatch-commands,act-for-people,act-as-platform")
                .with(
                    ACTING_AS_PLATFORM,
                    applications.rights("command-side") + ",dispatch-commands,act-as-platform"),
            Map.of());
    first = start("command-side-a", ACTING_FOR_PEOPLE);
    second = start("command-side-b", ACTING_AS_PLATFORM);
    gateway = first.getBean(CommandGateway.class);
  }

  @AfterAll
  static void stop() {
    for (ConfigurableApplicationContext app :
        new ConfigurableApplicationContext[] {second, first}) {
      if (app != null) {
        app.close();
      }
    }
    if (hub != null) {
      hub.stop();
    }
  }

  /**
   * Settings as command-line arguments: {@code SpringApplicationBuilder.properties} are defaults,
   * which the module's {@code application.yml} would override.
   */
  private static ConfigurableApplicationContext start(String clientId, String application) {
    var arguments = new ArrayList<>(hub.connectionArguments(application));
    arguments.add("--server.port=0");
    arguments.add("--axon.axonserver.client-id=" + clientId);
    arguments.add("--calisera.command.snapshot-every=20");
    return new SpringApplicationBuilder(CommandSideApplication.class)
        .run(arguments.toArray(String[]::new));
  }

  // ---- wiring

  @Test
  void axonRunsWithTheSettingsStackMdRequires() {
    Configuration axon = first.getBean(Configuration.class);
    ObjectMapper apiMapper = first.getBean("defaultAxonObjectMapper", ObjectMapper.class);

    for (Serializer serializer :
        List.of(axon.serializer(), axon.eventSerializer(), axon.messageSerializer())) {
      assertThat(serializer).isInstanceOf(JacksonSerializer.class);
      assertThat(((JacksonSerializer) serializer).getObjectMapper()).isSameAs(apiMapper);
    }
    // the api's mapper, not Axon's default one: instants as text, fields visible
    assertThat(new String(axon.eventSerializer().serialize(NOW, byte[].class).getData()))
        .isEqualTo("\"2026-06-01T06:00:00Z\"");
    assertThat(axon.getComponent(TransactionManager.class))
        .as("nothing local to transact: the hub's append is the one transaction")
        .isSameAs(NoTransactionManager.INSTANCE);
    assertThat(axon.eventStore()).isInstanceOf(AxonServerEventStore.class);
    assertThat(first.getBeansOfType(EventStore.class).values())
        .allMatch(AxonServerEventStore.class::isInstance);
    assertThat(axon.commandBus()).isInstanceOf(AxonServerCommandBus.class);
    assertThat(axon.eventProcessingConfiguration().eventProcessors())
        .as("the command side runs no event processors, so no token store matters")
        .isEmpty();
  }

  @Test
  void httpAnswersHealthAndMetricsOnly() throws Exception {
    int port = Integer.parseInt(first.getEnvironment().getProperty("local.server.port"));
    HttpResponse<String> health = get(port, "/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components");
    assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(200);
    assertThat(get(port, "/actuator/env").statusCode()).isEqualTo(404);
    assertThat(get(port, "/actuator/beans").statusCode()).isEqualTo(404);
  }

  // ---- a round trip

  @Test
  void aProviderIsSetUpAndBookedThroughTheHub() {
    Salon salon = aSalonOpenWeekdays();
    Actor customer = registered("customer");

    BookingReceipt receipt = send(placeHaircut(salon, "b-" + UUID.randomUUID(), customer, null));

    assertThat(receipt.status()).isEqualTo(BookingStatus.CONFIRMED);
    assertThat(receipt.start()).isEqualTo(TUESDAY_TEN);
    assertThat(receipt.end()).isEqualTo(berlin("2026-06-02T11:00"));
    assertThat(receipt.repeated()).isFalse();
    assertThat(salon.slug()).startsWith("salon-");

    DomainEventMessage<?> placed = last(salon.providerId());
    assertThat(placed.getPayload()).isInstanceOf(BookingPlacedEvent.class);
    assertThat(placed.getMetaData())
        .containsEntry("actorId", customer.accountId())
        .containsEntry("actorRoles", "CUSTOMER")
        .containsKeys("correlationId", "traceId");
  }

  @Test
  void refusalsReachTheSenderAsBusinessCodes() {
    Salon salon = aSalonOpenWeekdays();
    Actor customer = registered("customer");

    assertThat(refusal(() -> send(placeHaircut(salon, "b1", customer, berlin("2026-06-06T10:00")))))
        .contains(RefusalCode.NOT_A_SLOT);
    assertThat(
            refusal(
                () ->
                    send(new CancelBookingCommand("no-such-provider", "b1", null, customer, NOW))))
        .contains(RefusalCode.NOT_FOUND);
  }

  // ---- races

  @Test
  void ofManyConcurrentBookingsOfOneSlotExactlyOneSucceeds() throws Exception {
    Salon salon = aSalonOpenWeekdays();
    List<Actor> customers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      customers.add(registered("racer"));
    }

    List<Optional<RefusalCode>> outcomes =
        race(
            customers.stream()
                .<Callable<Optional<RefusalCode>>>map(
                    c ->
                        () ->
                            refusal(
                                () -> send(placeHaircut(salon, "b-" + UUID.randomUUID(), c, null))))
                .toList());

    assertThat(outcomes.stream().filter(Optional::isEmpty)).hasSize(1);
    assertThat(outcomes.stream().flatMap(Optional::stream))
        .hasSize(7)
        .allMatch(RefusalCode.SLOT_TAKEN::equals);
    assertThat(events(salon.providerId()).stream().filter(BookingPlacedEvent.class::isInstance))
        .hasSize(1);
  }

  @Test
  void ofConcurrentProvidersWithOneSlugExactlyOneGetsIt() throws Exception {
    String slug = "race-" + UUID.randomUUID().toString().substring(0, 8);
    List<Callable<Optional<RefusalCode>>> creations = new ArrayList<>();
    List<String> providerIds = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // different owners and provider ids: the hub routes them to both instances
      Actor owner = registered("owner");
      String providerId = UUID.randomUUID().toString();
      providerIds.add(providerId);
      creations.add(
          () ->
              refusal(
                  () ->
                      send(
                          new CreateProviderCommand(
                              providerId, "Race", slug, BERLIN, null, null, null, owner, NOW))));
    }

    List<Optional<RefusalCode>> outcomes = race(creations);

    assertThat(outcomes.stream().filter(Optional::isEmpty)).hasSize(1);
    assertThat(outcomes.stream().flatMap(Optional::stream))
        .hasSize(5)
        .allMatch(RefusalCode.SLUG_TAKEN::equals);
    assertThat(providerIds.stream().filter(id -> !events(id).isEmpty())).hasSize(1);
    assertThat(events("slug:" + slug)).hasSize(1);
  }

  /**
   * What a sender sees of a lost race, without the retry: providers created at once on both
   * instances with one slug append to the same claim, and those that lose the hub's sequence check
   * fail with a {@code SequenceConflict} in the details (the others with {@code SLUG_TAKEN}).
   */
  @Test
  void aLostRaceReachesTheSenderAsASequenceConflict() throws Exception {
    List<Throwable> lost = new ArrayList<>();
    for (int round = 0; round < 10 && lost.isEmpty(); round++) {
      String slug = "race-" + UUID.randomUUID().toString().substring(0, 8);
      List<Callable<Optional<Throwable>>> creations = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Actor owner = registered("owner");
        CreateProviderCommand create =
            new CreateProviderCommand(
                UUID.randomUUID().toString(), "Race", slug, BERLIN, null, null, null, owner, NOW);
        creations.add(() -> failure(() -> gateway.sendAndWait(create)));
      }
      for (Optional<Throwable> failure : race(creations)) {
        failure.ifPresent(
            f -> {
              if (CommandFailures.refusal(f).isEmpty()) {
                lost.add(f);
              }
            });
      }
    }

    assertThat(lost).as("two instances raced for one claim within ten rounds").isNotEmpty();
    assertThat(lost).allMatch(CommandFailures::isSequenceConflict);
  }

  @Test
  void concurrentFirstLoginsRegisterTheAccountOnce() throws Exception {
    String accountId = "acc-" + UUID.randomUUID();
    List<Callable<Optional<RefusalCode>>> logins = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      logins.add(
          () ->
              refusal(
                  () ->
                      send(
                          new RegisterAccountCommand(
                              accountId,
                              "anna@example.com",
                              "Anna",
                              Set.of(Role.CUSTOMER),
                              Actor.SYSTEM,
                              NOW))));
    }

    assertThat(race(logins)).allMatch(Optional::isEmpty);
    assertThat(events(accountId)).hasSize(1);
  }

  // ---- idempotency

  @Test
  void aRepeatedRequestGetsTheFirstAnswerAndStoresNothingNew() {
    Salon salon = aSalonOpenWeekdays();
    Actor customer = registered("customer");
    Idempotency key = new Idempotency(customer.accountId(), "key-1", "sha256:tuesday-ten");

    BookingReceipt first = send(placeHaircut(salon, "b1", customer, null, key));
    int stored = events(salon.providerId()).size();
    BookingReceipt repeat = send(placeHaircut(salon, "b2", customer, null, key));

    assertThat(repeat)
        .isEqualTo(
            new BookingReceipt(
                first.bookingId(),
                first.providerId(),
                first.serviceId(),
                first.status(),
                first.start(),
                first.end(),
                BERLIN,
                true));
    assertThat(events(salon.providerId())).hasSize(stored);

    Idempotency otherBody = new Idempotency(customer.accountId(), "key-1", "sha256:other");
    assertThat(
            refusal(
                () ->
                    send(
                        placeHaircut(
                            salon, "b3", customer, berlin("2026-06-02T12:00"), otherBody))))
        .contains(RefusalCode.IDEMPOTENCY_KEY_REUSED);
    assertThat(events(salon.providerId())).hasSize(stored);
  }

  // ---- snapshots

  @Test
  void aBusyProviderIsLoadedFromItsSnapshotWithItsWholeCalendar() {
    Salon salon = aSalonOpenWeekdays();
    Actor customer = registered("customer");
    List<Instant> booked = new ArrayList<>();
    for (String day : List.of("2026-06-02", "2026-06-03", "2026-06-04")) {
      for (int hour = 9; hour < 17; hour++) {
        Instant start = berlin(day + "T" + (hour < 10 ? "0" : "") + hour + ":00");
        send(placeHaircut(salon, "b-" + UUID.randomUUID(), customer, start));
        booked.add(start);
      }
    }
    EventStore eventStore = first.getBean(EventStore.class);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(eventStore.readEvents(salon.providerId()).next().getPayloadType())
                    .as("a snapshot comes first")
                    .hasToString("class io.calisera.command.provider.Provider"));

    for (ConfigurableApplicationContext app : List.of(first, second)) {
      app.getBean("providerCache", Cache.class).removeAll();
    }

    for (Instant start : List.of(booked.get(0), booked.get(12), booked.get(23))) {
      assertThat(
              refusal(() -> send(placeHaircut(salon, "b-" + UUID.randomUUID(), customer, start))))
          .contains(RefusalCode.SLOT_TAKEN);
    }
    BookingReceipt friday =
        send(placeHaircut(salon, "b-" + UUID.randomUUID(), customer, berlin("2026-06-05T09:00")));
    assertThat(friday.status()).isEqualTo(BookingStatus.CONFIRMED);
  }

  /**
   * A snapshot written before the provider's snapshot revision 2 (bookings in their own member)
   * would read into today's provider with unknown properties ignored, that is as a calendar without
   * its bookings. Axon must not read it: this one claims a provider without services or hours, and
   * the provider decides on its events instead.
   */
  @Test
  void aSnapshotOfAnEarlierRevisionIsNotRead() throws Exception {
    Salon salon = aSalonOpenWeekdays();
    Actor customer = registered("customer");
    send(placeHaircut(salon, "b-" + UUID.randomUUID(), customer, TUESDAY_TEN));
    String earlierForm =
        """
        {"providerId":"%s","ownerAccountId":"%s","slug":"%s","timeZone":"Europe/Berlin",
         "weekly":[],"overrides":[],"services":{},"bookings":{}}"""
            .formatted(salon.providerId(), salon.owner().accountId(), salon.slug());
    long last =
        first.getBean(EventStore.class).lastSequenceNumberFor(salon.providerId()).orElseThrow();
    EventChannel hub =
        first.getBean(AxonServerConnectionManager.class).getConnection().eventChannel();
    hub.appendSnapshot(
            Event.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setAggregateIdentifier(salon.providerId())
                .setAggregateSequenceNumber(last)
                .setAggregateType("Provider")
                .setTimestamp(NOW.toEpochMilli())
                .setSnapshot(true)
                .setPayload(
                    SerializedObject.newBuilder()
                        .setType("io.calisera.command.provider.Provider")
                        .setData(ByteString.copyFromUtf8(earlierForm)))
                .build())
        .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(hub.loadSnapshot(salon.providerId()).next().getAggregateSequenceNumber())
        .as("the hub holds it as the provider's latest snapshot")
        .isEqualTo(last);
    for (ConfigurableApplicationContext app : List.of(first, second)) {
      app.getBean("providerCache", Cache.class).removeAll();
    }

    assertThat(
            refusal(
                () -> send(placeHaircut(salon, "b-" + UUID.randomUUID(), customer, TUESDAY_TEN))))
        .contains(RefusalCode.SLOT_TAKEN);
    BookingReceipt eleven =
        send(placeHaircut(salon, "b-" + UUID.randomUUID(), customer, berlin("2026-06-02T11:00")));
    assertThat(eleven.status()).isEqualTo(BookingStatus.CONFIRMED);
  }

  // ---- who may act as whom

  @Test
  void aDispatcherThatMayActAsThePlatformMayNotActForPeople() {
    Actor customer = registered("customer");
    CommandGateway asDeployed = second.getBean(CommandGateway.class);

    assertThat(
            refusal(
                () ->
                    asDeployed.sendAndWait(
                        new GrantRolesCommand(
                            customer.accountId(), Set.of(Role.ADMIN), customer, NOW),
                        PATIENCE.toMillis(),
                        TimeUnit.MILLISECONDS)))
        .as("a person's command from a dispatcher that may act as the platform only")
        .contains(RefusalCode.FORBIDDEN);
    asDeployed.sendAndWait(
        new GrantRolesCommand(customer.accountId(), Set.of(Role.PROVIDER), Actor.SYSTEM, NOW),
        PATIENCE.toMillis(),
        TimeUnit.MILLISECONDS);

    assertThat(last(customer.accountId()).getPayload())
        .isEqualTo(
            new RolesGrantedEvent(
                customer.accountId(), Set.of(Role.PROVIDER), Actor.SYSTEM_ID, NOW));
  }

  // ---- the cache

  /**
   * The routing of a provider moved to the other instance and back: the first instance still caches
   * the provider from before, without the cancellation the other one stored meanwhile (the other
   * one, caching the provider from its creation, learnt of the booking the same way). A refusal on
   * such a state (the slot taken) is not answered: the command fails as a lost race, and the
   * sender's retry decides on the stored history.
   */
  @Test
  void anInstanceDecidesOnTheStoredHistoryAfterAnotherInstanceChangedTheProvider() {
    Salon salon = aSalonOpenWeekdays();
    Actor customer = registered("customer");
    String bookingId = "b-" + UUID.randomUUID();

    BookingReceipt placed = onInstance(first, placeHaircut(salon, bookingId, customer, null));
    onInstance(
        second, new CancelBookingCommand(salon.providerId(), bookingId, null, customer, NOW));

    assertThat(first.getBean("providerCache", Cache.class).containsKey(salon.providerId()))
        .as("the first instance still caches the provider as it left it")
        .isTrue();
    PlaceBookingCommand sameSlot = placeHaircut(salon, "b-" + UUID.randomUUID(), customer, null);
    CommandResultMessage<?> refused = resultOnInstance(first, sameSlot);
    assertThat(
            refused.isExceptional()
                && CommandFailures.isSequenceConflict(refused.exceptionResult()))
        .as("a refusal on the outdated cache is reported as a lost race, not as SLOT_TAKEN")
        .isTrue();
    assertThat(first.getBean("providerCache", Cache.class).containsKey(salon.providerId()))
        .as("and the outdated entry is gone")
        .isFalse();
    BookingReceipt again = onInstance(first, sameSlot);
    assertThat(again.start()).isEqualTo(placed.start());
    assertThat(again.status()).isEqualTo(BookingStatus.CONFIRMED);
  }

  // ---- helpers

  private record Salon(String providerId, String slug, Actor owner) {}

  /** A registered owner's provider, open weekdays 09:00-17:00 in Berlin, offering haircuts. */
  private static Salon aSalonOpenWeekdays() {
    Actor owner = registered("owner");
    String providerId = UUID.randomUUID().toString();
    String slug =
        send(
            new CreateProviderCommand(
                providerId,
                "Salon " + providerId.substring(0, 8),
                null,
                BERLIN,
                null,
                null,
                null,
                owner,
                NOW));
    List<WeeklyHours> weekly = new ArrayList<>();
    for (DayOfWeek day :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      weekly.add(WeeklyHours.of(day, "09:00", "17:00"));
    }
    send(new ReplaceScheduleCommand(providerId, weekly, List.of(), owner, NOW));
    send(
        new AddServiceCommand(
            providerId,
            "haircut",
            new ServiceDefinition("Haircut", SlotSettings.withDefaults(60), null, 0, false, null),
            owner,
            NOW));
    return new Salon(providerId, slug, owner);
  }

  private static Actor registered(String kind) {
    String accountId = kind + "-" + UUID.randomUUID();
    Actor person = Actor.account(accountId, Set.of(Role.CUSTOMER));
    send(
        new RegisterAccountCommand(
            accountId, kind + "@example.com", kind, person.roles(), Actor.SYSTEM, NOW));
    return person;
  }

  private static PlaceBookingCommand placeHaircut(
      Salon salon, String bookingId, Actor customer, Instant start) {
    return placeHaircut(salon, bookingId, customer, start, null);
  }

  private static PlaceBookingCommand placeHaircut(
      Salon salon, String bookingId, Actor customer, Instant start, Idempotency key) {
    return new PlaceBookingCommand(
        salon.providerId(),
        bookingId,
        "haircut",
        start == null ? TUESDAY_TEN : start,
        BO,
        customer.accountId(),
        null,
        key,
        customer,
        NOW);
  }

  /**
   * Sends and waits, retrying once when the command lost a race for an aggregate's next sequence
   * number (the hub's conflict, which stored nothing): the retry decides with the winner in view.
   */
  private static <R> R send(Object command) {
    try {
      return gateway.sendAndWait(command, PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException failure) {
      if (CommandFailures.isSequenceConflict(failure)) {
        return gateway.sendAndWait(command, PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      }
      throw failure;
    }
  }

  /**
   * Handles the command on this instance, whatever the hub's routing: its local command bus, as if
   * the hub had routed the provider there; once more after a lost race, as a sender does.
   */
  @SuppressWarnings("unchecked")
  private static <R> R onInstance(ConfigurableApplicationContext app, Object command) {
    CommandResultMessage<?> result = resultOnInstance(app, command);
    if (result.isExceptional() && CommandFailures.isSequenceConflict(result.exceptionResult())) {
      result = resultOnInstance(app, command);
    }
    return (R) result.getPayload();
  }

  private static CommandResultMessage<?> resultOnInstance(
      ConfigurableApplicationContext app, Object command) {
    var callback = new FutureCallback<Object, Object>();
    ((AxonServerCommandBus) app.getBean(Configuration.class).commandBus())
        .localSegment()
        .dispatch(
            GenericCommandMessage.asCommandMessage(command)
                .andMetaData(
                    // what the hub writes into a command the bff dispatched
                    Map.of(
                        UnattestedActorRefusal.DISPATCHER, "bff",
                        UnattestedActorRefusal.DISPATCHER_RIGHTS, "act-for-people")),
            callback);
    return callback.getResult(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The business refusal of a call, empty when it succeeded; any other failure fails the test. */
  private static Optional<RefusalCode> refusal(Runnable call) {
    try {
      call.run();
      return Optional.empty();
    } catch (RuntimeException failure) {
      return Optional.of(
          CommandFailures.refusal(failure)
              .orElseThrow(() -> new AssertionError("not a business refusal", failure))
              .code());
    }
  }

  /** The failure of a call, empty when it succeeded. */
  private static Optional<Throwable> failure(Runnable call) {
    try {
      call.run();
      return Optional.empty();
    } catch (RuntimeException failure) {
      return Optional.of(failure);
    }
  }

  /** Runs the calls at once, from as many threads, and collects their outcomes. */
  private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(
            threads.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<T> outcomes = new ArrayList<>();
      for (Future<T> future : futures) {
        outcomes.add(future.get(PATIENCE.toMillis() * 2, TimeUnit.MILLISECONDS));
      }
      return outcomes;
    } finally {
      threads.shutdownNow();
    }
  }

  /** The payloads of an aggregate's events (never its snapshot). */
  private static List<Object> events(String aggregateId) {
    List<Object> payloads = new ArrayList<>();
    first
        .getBean(EventStore.class)
        .readEvents(aggregateId, 0)
        .forEachRemaining(e -> payloads.add(e.getPayload()));
    return payloads;
  }

  private static DomainEventMessage<?> last(String aggregateId) {
    List<DomainEventMessage<?>> all = new ArrayList<>();
    first.getBean(EventStore.class).readEvents(aggregateId, 0).forEachRemaining(all::add);
    return all.get(all.size() - 1);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }
}
