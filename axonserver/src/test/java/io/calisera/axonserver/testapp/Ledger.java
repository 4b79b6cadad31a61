package io.calisera.axonserver.testapp;

import io.calisera.axonserver.testapp.Bank.AccountOpenedEvent;
import io.calisera.axonserver.testapp.Bank.Balance;
import io.calisera.axonserver.testapp.Bank.BalanceQuery;
import io.calisera.axonserver.testapp.Bank.Instance;
import io.calisera.axonserver.testapp.Bank.MoneyDepositedEvent;
import io.calisera.axonserver.testapp.Bank.MoneyWithdrawnEvent;
import io.calisera.axonserver.testapp.Bank.WhoAreYouQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * A tracking projection that remembers every event it was given, with its token, so that tests can
 * check exactly-once, in-order delivery; it also answers queries and emits subscription updates.
 */
@Component
@ProcessingGroup("ledger")
public class Ledger {

  /** One delivered event: its global token and what it was. */
  public record Entry(long token, String type, String accountId) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Long> balances = new ConcurrentHashMap<>();
  private final QueryUpdateEmitter emitter;
  private final TestInstance instance;

  Ledger(QueryUpdateEmitter emitter, TestInstance instance) {
    this.emitter = emitter;
    this.instance = instance;
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  @EventHandler
  void on(AccountOpenedEvent event, TrackingToken token) {
    record(token, "opened", event.accountId());
    update(event.accountId(), 0);
  }

  @EventHandler
  void on(MoneyDepositedEvent event, TrackingToken token) {
    record(token, "deposited", event.accountId());
    update(event.accountId(), event.amount());
  }

  @EventHandler
  void on(MoneyWithdrawnEvent event, TrackingToken token) {
    record(token, "withdrawn", event.accountId());
    update(event.accountId(), -event.amount());
  }

  private synchronized void record(TrackingToken token, String type, String accountId) {
    TrackingToken position =
        ReplayToken.class.isInstance(token) ? ((ReplayToken) token).getCurrentToken() : token;
    entries.add(
        new Entry(((GlobalSequenceTrackingToken) position).getGlobalIndex(), type, accountId));
  }

  private void update(String accountId, long delta) {
    long balance = balances.merge(accountId, delta, Long::sum);
    emitter.emit(
        BalanceQuery.class,
        q -> q.accountId().equals(accountId),
        new Balance(accountId, balance, instance.name()));
  }

  @QueryHandler
  Balance handle(BalanceQuery query) {
    return new Balance(
        query.accountId(), balances.getOrDefault(query.accountId(), 0L), instance.name());
  }

  @QueryHandler
  Instance handle(WhoAreYouQuery query) {
    return new Instance(instance.name());
  }
}
