package io.calisera.axonserver.testapp;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.calisera.axonserver.testapp.Bank.AccountOpenedEvent;
import io.calisera.axonserver.testapp.Bank.DepositCommand;
import io.calisera.axonserver.testapp.Bank.Handled;
import io.calisera.axonserver.testapp.Bank.MoneyDepositedEvent;
import io.calisera.axonserver.testapp.Bank.MoneyWithdrawnEvent;
import io.calisera.axonserver.testapp.Bank.OpenAccountCommand;
import io.calisera.axonserver.testapp.Bank.WithdrawCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate(snapshotTriggerDefinition = "accountSnapshotTrigger")
class Account {

  @AggregateIdentifier private String accountId;
  private long balance;

  /** Events applied since this instance was loaded: fewer when a snapshot was used. */
  @JsonIgnore private transient int eventsSourced;

  Account() {}

  @CommandHandler
  Account(OpenAccountCommand command, TestInstance instance) {
    apply(new AccountOpenedEvent(command.accountId()));
  }

  @CommandHandler
  Handled handle(DepositCommand command, TestInstance instance) throws InterruptedException {
    Thread.sleep(command.handlingMillis());
    apply(new MoneyDepositedEvent(accountId, command.amount()));
    return new Handled(instance.name(), balance, eventsSourced);
  }

  @CommandHandler
  Handled handle(WithdrawCommand command, TestInstance instance) throws InterruptedException {
    Thread.sleep(command.handlingMillis());
    apply(new MoneyWithdrawnEvent(accountId, command.amount()));
    return new Handled(instance.name(), balance, eventsSourced);
  }

  @EventSourcingHandler
  void on(AccountOpenedEvent event) {
    accountId = event.accountId();
    eventsSourced++;
  }

  @EventSourcingHandler
  void on(MoneyDepositedEvent event) {
    balance += event.amount();
    eventsSourced++;
  }

  @EventSourcingHandler
  void on(MoneyWithdrawnEvent event) {
    balance -= event.amount();
    eventsSourced++;
  }
}
