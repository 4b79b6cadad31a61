package io.calisera.axonserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.calisera.axonserver.support.HubStatus;
import io.calisera.axonserver.support.SharedHub;
import io.calisera.axonserver.testapp.Bank.Balance;
import io.calisera.axonserver.testapp.Bank.BalanceQuery;
import io.calisera.axonserver.testapp.Bank.DepositCommand;
import io.calisera.axonserver.testapp.Bank.Instance;
import io.calisera.axonserver.testapp.Bank.OpenAccountCommand;
import io.calisera.axonserver.testapp.Bank.UnhandledCommand;
import io.calisera.axonserver.testapp.Bank.UnhandledQuery;
import io.calisera.axonserver.testapp.Bank.WhoAreYouQuery;
import io.calisera.axonserver.testapp.Bank.WithdrawCommand;
import io.calisera.axonserver.testapp.Ledger;
import io.calisera.axonserver.testapp.TestApplication;
import io.calisera.testing.HubProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Queries between two instances of the bank application. They register as two components: the hub,
 * like Axon Server, sends a query to one instance per component, so only then does a scatter-gather
 * reach both.
 */
@ExtendWith(SharedHub.class)
class QueryIT {

  private static final Duration ANSWER = Duration.ofSeconds(30);

  static HubProcess hub;
  static ConfigurableApplicationContext east;
  static ConfigurableApplicationContext west;

  @BeforeAll
  static void startHubAndTwoInstances(HubProcess shared) {
    hub = shared;
    east = TestApplication.start("east", hub, "axon.axonserver.component-name=bank-east");
    west = TestApplication.start("west", hub, "axon.axonserver.component-name=bank-west");
  }

  @AfterAll
  static void stop() {
    if (east != null) {
      east.close();
    }
    if (west != null) {
      west.close();
    }
  }

  @Test
  void aPointToPointQueryGetsOneAnswer() throws Exception {
    String account = anAccountWithBalance(10);

    Balance balance =
        queries(west)
            .query(new BalanceQuery(account), Balance.class)
            .get(ANSWER.toSeconds(), TimeUnit.SECONDS);

    assertThat(balance.accountId()).isEqualTo(account);
    assertThat(balance.amount()).isEqualTo(10);
    assertThat(balance.instance()).isIn("east", "west");
  }

  @Test
  void aScatterGatherQueryIsAnsweredByBothInstancesWithoutWaitingForItsTimeout() {
    Duration timeout = Duration.ofSeconds(60);
    long started = System.nanoTime();

    List<Instance> answers =
        queries(east)
            .scatterGather(
                new WhoAreYouQuery(),
                ResponseTypes.instanceOf(Instance.class),
                timeout.toMillis(),
                TimeUnit.MILLISECONDS)
            .toList();

    assertThat(answers).extracting(Instance::name).containsExactlyInAnyOrder("east", "west");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("complete once both handlers completed, not at the timeout")
        .isLessThan(timeout.dividedBy(2));
  }

  @Test
  void aSubscriptionQueryGetsItsInitialResultThenEveryUpdateInOrderUntilCancelled() {
    String account = anAccountWithBalance(10);
    BalanceQuery query = new BalanceQuery(account);

    SubscriptionQueryResult<Balance, Balance> subscription =
        queries(east).subscriptionQuery(query, Balance.class, Balance.class);
    Balance initial = subscription.initialResult().block(ANSWER);
    List<Balance> updates = new CopyOnWriteArrayList<>();
    subscription.updates().subscribe(updates::add);

    assertThat(initial).isNotNull();
    assertThat(initial.amount()).isEqualTo(10);
    // the hub registers the subscription with every handler instance: updates come from whichever
    // processes the event, and here each instance's ledger processes every event
    await().atMost(ANSWER).until(() -> subscribedTo(query, east) && subscribedTo(query, west));

    commands(east).sendAndWait(new DepositCommand(account, 5, 0));
    commands(west).sendAndWait(new WithdrawCommand(account, 3, 0));

    await().atMost(ANSWER).until(() -> updates.size() >= 4);
    Map<String, List<Long>> byInstance =
        updates.stream()
            .collect(
                Collectors.groupingBy(
                    Balance::instance, Collectors.mapping(Balance::amount, Collectors.toList())));
    assertThat(byInstance).containsOnlyKeys("east", "west");
    assertThat(byInstance.get("east")).containsExactly(15L, 12L);
    assertThat(byInstance.get("west")).containsExactly(15L, 12L);

    subscription.cancel();

    await()
        .atMost(ANSWER)
        .untilAsserted(
            () -> {
              assertThat(subscribedTo(query, east)).as("east still subscribed").isFalse();
              assertThat(subscribedTo(query, west)).as("west still subscribed").isFalse();
              assertThat(HubStatus.metric(hub, "calisera_hub_subscription_queries")).isZero();
            });
    commands(east).sendAndWait(new DepositCommand(account, 1, 0));
    awaitLedgers(account, 5);
    assertThat(updates).as("no update after the cancel").hasSize(4);
  }

  @Test
  void aQueryNobodyHandlesFailsWithNoHandlerForQueryException() {
    Throwable failure =
        catchThrowable(
            () ->
                queries(east)
                    .query(new UnhandledQuery(), String.class)
                    .get(ANSWER.toSeconds(), TimeUnit.SECONDS));

    assertThat(unwrapped(failure)).isInstanceOf(NoHandlerForQueryException.class);
  }

  @Test
  void aCommandNobodyHandlesFailsWithNoHandlerForCommandException() {
    Throwable failure =
        catchThrowable(
            () ->
                commands(west)
                    .send(new UnhandledCommand("nobody"))
                    .get(ANSWER.toSeconds(), TimeUnit.SECONDS));

    assertThat(unwrapped(failure))
        .isInstanceOf(NoHandlerForCommandException.class)
        .hasMessageContaining(UnhandledCommand.class.getName());
  }

  // ---------------------------------------------------------------- helpers

  /** A new account with one deposit, once both instances' ledgers have seen it. */
  private static String anAccountWithBalance(long amount) {
    String account = "acc-" + UUID.randomUUID();
    commands(east).sendAndWait(new OpenAccountCommand(account));
    commands(west).sendAndWait(new DepositCommand(account, amount, 0));
    awaitLedgers(account, 2);
    return account;
  }

  private static void awaitLedgers(String account, int events) {
    await()
        .atMost(ANSWER)
        .until(
            () -> ledgerEvents(east, account) == events && ledgerEvents(west, account) == events);
  }

  private static long ledgerEvents(ConfigurableApplicationContext app, String account) {
    return app.getBean(Ledger.class).entries().stream()
        .filter(e -> account.equals(e.accountId()))
        .count();
  }

  private static boolean subscribedTo(BalanceQuery query, ConfigurableApplicationContext app) {
    return app.getBean(QueryUpdateEmitter.class).activeSubscriptions().stream()
        .anyMatch(s -> query.equals(s.getPayload()));
  }

  private static Throwable unwrapped(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static QueryGateway queries(ConfigurableApplicationContext app) {
    return app.getBean(QueryGateway.class);
  }

  private static CommandGateway commands(ConfigurableApplicationContext app) {
    return app.getBean(CommandGateway.class);
  }
}
