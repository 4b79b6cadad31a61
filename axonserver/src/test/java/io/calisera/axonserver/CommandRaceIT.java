package io.calisera.axonserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.PlatformInboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.calisera.axonserver.support.HubClient;
import io.calisera.axonserver.support.HubStatus;
import io.calisera.axonserver.support.SharedHub;
import io.calisera.axonserver.testapp.Bank.DepositCommand;
import io.calisera.axonserver.testapp.Bank.Handled;
import io.calisera.axonserver.testapp.Bank.MoneyDepositedEvent;
import io.calisera.axonserver.testapp.Bank.MoneyWithdrawnEvent;
import io.calisera.axonserver.testapp.Bank.OpenAccountCommand;
import io.calisera.axonserver.testapp.Bank.WithdrawCommand;
import io.calisera.axonserver.testapp.TestApplication;
import io.calisera.testing.HubProcess;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the bank application on one hub, sending commands for one aggregate.
 *
 * <p>The hub routes a command by consistently hashing its routing key onto the ring of the
 * instances subscribed to that command name, each owning a share in proportion to its load factor.
 * With equal shares every command name sends an aggregate to the same instance; here each instance
 * owns the larger share of one command (alpha of deposits, beta of withdrawals), so the two rings
 * differ and some accounts get their deposits handled in one JVM and their withdrawals in the
 * other. Those two JVMs then race, and only the event store's sequence check keeps the aggregate's
 * history straight.
 *
 * <p>The connection tests live here too. The one that needs the instances connected for over half a
 * minute runs last, so that the races before it spend most of that time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedHub.class)
class CommandRaceIT {

  private static final Duration NO_HANG = Duration.ofSeconds(90);

  /**
   * Three of the connector's heartbeats (one every 10 s, each acknowledged within 7.5 s) and dozens
   * of its keep-alive pings (one a second): the connection breaks within 20 s when either is not
   * answered as the connector expects.
   */
  private static final Duration CONNECTION_KEPT = Duration.ofSeconds(35);

  private static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

  static HubProcess hub;
  static ConfigurableApplicationContext alpha;
  static ConfigurableApplicationContext beta;
  static Map<String, Instant> connectedAt;

  @BeforeAll
  static void startHubAndTwoInstances(HubProcess shared) {
    hub = shared;
    alpha = TestApplication.start("alpha", hub, "test.load-factor.DepositCommand=300");
    beta = TestApplication.start("beta", hub, "test.load-factor.WithdrawCommand=300");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                HubStatus.client(hub, "alpha").isPresent()
                    && HubStatus.client(hub, "beta").isPresent());
    connectedAt =
        Map.of(
            "alpha", HubStatus.client(hub, "alpha").orElseThrow().connectedAt(),
            "beta", HubStatus.client(hub, "beta").orElseThrow().connectedAt());
  }

  @AfterAll
  static void stop() {
    if (alpha != null) {
      alpha.close();
    }
    if (beta != null) {
      beta.close();
    }
  }

  @Test
  @Order(1)
  void concurrentCommandsOfOneNameForOneAggregateAreAllHandledByOneInstanceAndAllSucceed()
      throws Exception {
    String account = "acc-" + UUID.randomUUID();
    gateway(alpha).sendAndWait(new OpenAccountCommand(account));

    int deposits = 20;
    List<CompletableFuture<Handled>> sent = new ArrayList<>();
    for (int i = 1; i <= deposits; i++) {
      // from both instances: the route depends on the aggregate, not on the dispatcher
      CommandGateway from = gateway(i % 2 == 0 ? alpha : beta);
      sent.add(from.send(new DepositCommand(account, i, 20)));
    }
    List<Handled> handled = new ArrayList<>();
    for (CompletableFuture<Handled> command : sent) {
      handled.add(command.get(NO_HANG.toSeconds(), TimeUnit.SECONDS));
    }

    assertThat(handled)
        .extracting(Handled::instance)
        .as("handled in one JVM")
        .containsOnly(handled.get(0).instance());
    long total = (long) deposits * (deposits + 1) / 2;
    assertThat(handled)
        .extracting(Handled::balance)
        .as("each deposit saw all those before it: the instance serialised them")
        .doesNotHaveDuplicates()
        .contains(total);
    assertThat(sequenceNumbers(account))
        .containsExactlyElementsOf(LongStream.rangeClosed(0, deposits).boxed().toList());
  }

  @Test
  @Order(2)
  void commandsRacingInTwoInstancesStoreOneEventPerSequenceNumberAndTheLosersGetAnError()
      throws Exception {
    Race race = anAccountWhoseDepositsAndWithdrawalsGoToDifferentInstances();

    int perKind = 8;
    long handlingMillis = 150;
    List<CompletableFuture<Handled>> deposits = new ArrayList<>();
    List<CompletableFuture<Handled>> withdrawals = new ArrayList<>();
    for (int i = 0; i < perKind; i++) {
      CommandGateway from = gateway(i % 2 == 0 ? alpha : beta);
      deposits.add(from.send(new DepositCommand(race.account(), 10, handlingMillis)));
      withdrawals.add(from.send(new WithdrawCommand(race.account(), 1, handlingMillis)));
    }
    List<Outcome> depositOutcomes = outcomes(deposits);
    List<Outcome> withdrawalOutcomes = outcomes(withdrawals);

    List<Outcome> all = new ArrayList<>(depositOutcomes);
    all.addAll(withdrawalOutcomes);
    List<Throwable> failures = all.stream().map(Outcome::failure).filter(f -> f != null).toList();
    assertThat(failures).as("the two instances really raced").isNotEmpty();
    assertThat(failures)
        .allSatisfy(
            failure ->
                assertThat(failure)
                    .isInstanceOf(CommandExecutionException.class)
                    .hasMessageContaining("AXONIQ-2000"));
    assertThat(depositOutcomes.stream().filter(Outcome::succeeded))
        .allSatisfy(o -> assertThat(o.handled().instance()).isEqualTo(race.depositsTo()));
    assertThat(withdrawalOutcomes.stream().filter(Outcome::succeeded))
        .allSatisfy(o -> assertThat(o.handled().instance()).isEqualTo(race.withdrawalsTo()));

    long successfulDeposits =
        race.deposits() + depositOutcomes.stream().filter(Outcome::succeeded).count();
    long successfulWithdrawals =
        race.withdrawals() + withdrawalOutcomes.stream().filter(Outcome::succeeded).count();
    List<DomainEventMessage<?>> stored = events(race.account());
    assertThat(stored)
        .extracting(DomainEventMessage::getSequenceNumber)
        .as("sequence numbers 0..n, each exactly once")
        .containsExactlyElementsOf(LongStream.range(0, stored.size()).boxed().toList());
    assertThat(stored).hasSize((int) (1 + successfulDeposits + successfulWithdrawals));
    Map<Class<?>, Long> storedByType =
        stored.stream()
            .collect(
                Collectors.groupingBy(DomainEventMessage::getPayloadType, Collectors.counting()));
    assertThat(storedByType.getOrDefault(MoneyDepositedEvent.class, 0L))
        .as("no losing deposit stored")
        .isEqualTo(successfulDeposits);
    assertThat(storedByType.getOrDefault(MoneyWithdrawnEvent.class, 0L))
        .as("no losing withdrawal stored")
        .isEqualTo(successfulWithdrawals);
  }

  @Test
  @Order(3)
  void publishingADomainEventWithAWrongSequenceNumberFailsWithOutOfRange() {
    String account = "acc-" + UUID.randomUUID();
    gateway(alpha).sendAndWait(new OpenAccountCommand(account));
    gateway(alpha).sendAndWait(new DepositCommand(account, 5, 0));
    EventStore eventStore = alpha.getBean(EventStore.class);

    for (long wrong : new long[] {5, 0}) {
      Throwable failure =
          catchThrowable(
              () ->
                  eventStore.publish(
                      new GenericDomainEventMessage<>(
                          "Account", account, wrong, new MoneyDepositedEvent(account, 1))));

      assertThat(failure).isInstanceOf(StatusRuntimeException.class);
      assertThat(Status.trailersFromThrowable(failure).get(ERROR_CODE)).isEqualTo("AXONIQ-2000");
      Status status = ((StatusRuntimeException) failure).getStatus();
      assertThat(status.getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
      assertThat(status.getDescription())
          .isEqualTo(
              "[AXONIQ-2000] Invalid sequence number "
                  + wrong
                  + " for aggregate "
                  + account
                  + ", expected 2");
    }
    assertThat(sequenceNumbers(account)).containsExactly(0L, 1L);
  }

  @Test
  @Order(4)
  void theLateEndOfAClientsOldInstructionStreamDoesNotUnregisterItsNewOne() throws Exception {
    // A client reconnects on a new connection while the hub has not yet noticed that the old one
    // is gone (a dead peer is found only by keep-alive); the old stream ends after the new one
    // registered.
    var client =
        ClientIdentification.newBuilder()
            .setClientId("reconnecting")
            .setComponentName("raw")
            .setVersion("4.6")
            .build();
    var register = PlatformInboundInstruction.newBuilder().setRegister(client).build();
    try (var connection = HubClient.connect(hub)) {
      var platform = connection.platformAsync();
      var oldEnded = new CompletableFuture<Void>();
      StreamObserver<PlatformInboundInstruction> old = platform.openStream(endsWith(oldEnded));
      old.onNext(register);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> HubStatus.client(hub, "reconnecting").isPresent());
      Instant oldConnectedAt = HubStatus.client(hub, "reconnecting").orElseThrow().connectedAt();
      var newEnded = new CompletableFuture<Void>();
      StreamObserver<PlatformInboundInstruction> current = platform.openStream(endsWith(newEnded));
      current.onNext(register);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  HubStatus.client(hub, "reconnecting")
                      .map(c -> c.connectedAt().isAfter(oldConnectedAt))
                      .orElse(false));

      old.onCompleted();
      oldEnded.get(30, TimeUnit.SECONDS);

      assertThat(HubStatus.client(hub, "reconnecting"))
          .as("still connected through the new stream")
          .isPresent();
      current.onCompleted();
      newEnded.get(30, TimeUnit.SECONDS);
      assertThat(HubStatus.client(hub, "reconnecting")).as("gone with its last stream").isEmpty();
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void connectionsStayUpOverSeveralHeartbeatsWithoutReconnecting() {
    // Without heartbeat acknowledgements the connector drops the connection after about 10-20 s;
    // every reconnect registers anew and shows up as a new connectedAt.
    Instant connectedSince = connectedAt.values().stream().max(Instant::compareTo).orElseThrow();
    Instant longEnough = connectedSince.plus(CONNECTION_KEPT);
    await()
        .atMost(CONNECTION_KEPT.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .failFast("a client reconnected", () -> !connectedAt.equals(currentConnectedAt()))
        .until(() -> Instant.now().isAfter(longEnough));

    assertThat(currentConnectedAt()).isEqualTo(connectedAt);
    assertThat(Duration.between(connectedSince, Instant.now())).isGreaterThan(CONNECTION_KEPT);
    for (var app : List.of(alpha, beta)) {
      assertThat(app.getBean(AxonServerConnectionManager.class).isConnected("default")).isTrue();
    }
    String account = "acc-" + UUID.randomUUID();
    gateway(beta).sendAndWait(new OpenAccountCommand(account));
    Handled handled = gateway(alpha).sendAndWait(new DepositCommand(account, 7, 0));
    assertThat(handled.balance()).isEqualTo(7);
  }

  // ---------------------------------------------------------------- helpers

  /** Which instance each command kind goes to for the account, and what the probing stored. */
  private record Race(
      String account, String depositsTo, String withdrawalsTo, int deposits, int withdrawals) {}

  /**
   * Tries accounts until one has its deposits handled by one instance and its withdrawals by the
   * other. About half of all accounts do, with the load factors given at start.
   */
  private static Race anAccountWhoseDepositsAndWithdrawalsGoToDifferentInstances() {
    for (int attempt = 0; attempt < 40; attempt++) {
      String account = "acc-" + UUID.randomUUID();
      gateway(alpha).sendAndWait(new OpenAccountCommand(account));
      Handled deposit = gateway(alpha).sendAndWait(new DepositCommand(account, 0, 0));
      Handled withdrawal = gateway(alpha).sendAndWait(new WithdrawCommand(account, 0, 0));
      if (!deposit.instance().equals(withdrawal.instance())) {
        return new Race(account, deposit.instance(), withdrawal.instance(), 1, 1);
      }
    }
    throw new AssertionError(
        "No account found whose deposits and withdrawals the hub routes to different instances");
  }

  private record Outcome(Handled handled, Throwable failure) {
    boolean succeeded() {
      return failure == null;
    }
  }

  /** Waits for every command, failing if one does not complete in time: a hang. */
  private static List<Outcome> outcomes(List<CompletableFuture<Handled>> commands)
      throws InterruptedException {
    long deadline = System.nanoTime() + NO_HANG.toNanos();
    List<Outcome> outcomes = new ArrayList<>();
    for (CompletableFuture<Handled> command : commands) {
      try {
        outcomes.add(
            new Outcome(
                command.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
                null));
      } catch (ExecutionException | CompletionException e) {
        outcomes.add(new Outcome(null, e.getCause()));
      } catch (TimeoutException e) {
        throw new AssertionError("A command got no answer within " + NO_HANG, e);
      }
    }
    return outcomes;
  }

  /** An instruction stream's receiving side that only notes when the hub ended the stream. */
  private static StreamObserver<PlatformOutboundInstruction> endsWith(
      CompletableFuture<Void> ended) {
    return new StreamObserver<>() {
      @Override
      public void onNext(PlatformOutboundInstruction instruction) {}

      @Override
      public void onError(Throwable t) {
        ended.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        ended.complete(null);
      }
    };
  }

  private static CommandGateway gateway(ConfigurableApplicationContext app) {
    return app.getBean(CommandGateway.class);
  }

  /** The aggregate's stored events, read without snapshots. */
  private static List<DomainEventMessage<?>> events(String account) {
    List<DomainEventMessage<?>> events = new ArrayList<>();
    alpha.getBean(EventStore.class).readEvents(account, 0).forEachRemaining(events::add);
    return events;
  }

  private static List<Long> sequenceNumbers(String account) {
    return events(account).stream().map(DomainEventMessage::getSequenceNumber).toList();
  }

  private static Map<String, Instant> currentConnectedAt() {
    return HubStatus.clients(hub).stream()
        .filter(c -> connectedAt.containsKey(c.clientId()))
        .collect(Collectors.toMap(HubStatus.Client::clientId, HubStatus.Client::connectedAt));
  }
}
