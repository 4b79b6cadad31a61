package io.calisera.axonserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calisera.axonserver.support.SharedHub;
import io.calisera.axonserver.testapp.Bank.DepositCommand;
import io.calisera.axonserver.testapp.Bank.Handled;
import io.calisera.axonserver.testapp.Bank.OpenAccountCommand;
import io.calisera.axonserver.testapp.TestApplication;
import io.calisera.testing.HubProcess;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(SharedHub.class)
class AggregateIT {

  static HubProcess hub;
  static ConfigurableApplicationContext app;

  @BeforeAll
  static void startHubAndApplication(HubProcess shared) {
    hub = shared;
    app = TestApplication.start("aggregate-it", hub);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void anEventSourcedAggregateIsCreatedAndReloadedFromItsEvents() {
    var gateway = app.getBean(CommandGateway.class);
    String account = "acc-" + UUID.randomUUID();

    gateway.sendAndWait(new OpenAccountCommand(account));
    Handled first = gateway.sendAndWait(new DepositCommand(account, 10, 0));
    Handled second = gateway.sendAndWait(new DepositCommand(account, 5, 0));

    assertThat(first.balance()).isEqualTo(10);
    assertThat(second.balance()).isEqualTo(15);
    assertThat(second.eventsSourced()).as("its two stored events plus the new one").isEqualTo(3);
  }

  @Test
  void snapshotsAreWrittenAndUsedWhenLoading() {
    var gateway = app.getBean(CommandGateway.class);
    var eventStore = app.getBean(EventStore.class);
    String account = "acc-" + UUID.randomUUID();
    gateway.sendAndWait(new OpenAccountCommand(account));
    gateway.sendAndWait(new DepositCommand(account, 1, 0));
    gateway.sendAndWait(new DepositCommand(account, 2, 0)); // third event: a snapshot follows

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              DomainEventMessage<?> firstRead = eventStore.readEvents(account).next();
              assertThat(firstRead.getType()).as("snapshot first").endsWith("Account");
              assertThat(firstRead.getSequenceNumber()).isEqualTo(2);
            });

    Handled afterSnapshot = gateway.sendAndWait(new DepositCommand(account, 4, 0));
    assertThat(afterSnapshot.balance()).isEqualTo(7);
    assertThat(afterSnapshot.eventsSourced())
        .as("no stored event replayed, only the new one applied")
        .isEqualTo(1);
  }
}
