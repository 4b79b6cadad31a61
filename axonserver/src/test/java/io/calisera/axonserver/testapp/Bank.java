package io.calisera.axonserver.testapp;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

/** The messages of the bank application the hub's integration tests run against it. */
public final class Bank {

  private Bank() {}

  public record OpenAccountCommand(@TargetAggregateIdentifier String accountId) {}

  /** {@code handlingMillis} keeps the handler busy, to widen races. */
  public record DepositCommand(
      @TargetAggregateIdentifier String accountId, long amount, long handlingMillis) {}

  public record WithdrawCommand(
      @TargetAggregateIdentifier String accountId, long amount, long handlingMillis) {}

  public record UnhandledCommand(@TargetAggregateIdentifier String id) {}

  /** What a command handler answers: who handled it and what it saw. */
  public record Handled(String instance, long balance, int eventsSourced) {}

  @Revision("1")
  public record AccountOpenedEvent(String accountId) {}

  @Revision("1")
  public record MoneyDepositedEvent(String accountId, long amount) {}

  @Revision("1")
  public record MoneyWithdrawnEvent(String accountId, long amount) {}

  /** Handled by no processor: the ledger's stream block-lists it. */
  public record NoteAddedEvent(String text) {}

  public record BalanceQuery(String accountId) {}

  /** An account's balance as one instance's ledger knows it. */
  public record Balance(String accountId, long amount, String instance) {}

  public record WhoAreYouQuery() {}

  public record Instance(String name) {}

  public record UnhandledQuery() {}
}
