package io.calisera.service;

import java.util.Collection;
import java.util.Set;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;

/**
 * What a service expects of Axon beyond what every service gets alike: its event processors, where
 * their tokens live, and whose transactions Axon's units of work run in. A service with event
 * processors or a database declares one as a bean; without it a service has neither (commands,
 * queries and gateways only). {@link AxonServiceAutoConfiguration} builds the transaction manager
 * from it, and {@link AxonWiring} stops a service whose Axon does not match it.
 *
 * @param processingGroups exactly the processing groups the service runs, each in a pooled
 *     streaming processor
 * @param tokenStore the type of token store those processors must keep their tokens in
 * @param transactions whose transactions Axon joins
 */
public record ExpectedAxonWiring(
    Set<String> processingGroups,
    Class<? extends TokenStore> tokenStore,
    Transactions transactions) {

  /** Whose transactions Axon's units of work run in. */
  public enum Transactions {
    /**
     * None: nothing local to make transactional with Axon's work (the hub's append is atomic per
     * unit of work, and a read model that cannot have transactions is idempotent instead).
     */
    NONE(NoTransactionManager.class),
    /**
     * The service database's: Axon's {@link SpringTransactionManager} over the service's {@code
     * PlatformTransactionManager}, so that what a handler writes, the saga's state, the processor's
     * token and a scheduled deadline commit together.
     */
    SPRING(SpringTransactionManager.class);

    private final Class<? extends TransactionManager> type;

    Transactions(Class<? extends TransactionManager> type) {
      this.type = type;
    }

    /** The transaction manager Axon must use, everywhere. */
    public Class<? extends TransactionManager> type() {
      return type;
    }
  }

  public ExpectedAxonWiring {
    processingGroups = Set.copyOf(processingGroups);
  }

  /** Commands, queries or gateways only, and no database for Axon to join. */
  public static ExpectedAxonWiring withoutEventProcessors() {
    return new ExpectedAxonWiring(Set.of(), TokenStore.class, Transactions.NONE);
  }

  /**
   * One pooled streaming processor per group in {@code processingGroups}, each keeping its token in
   * a {@code tokenStore} (the service declares that token store as a bean), without transactions.
   */
  public static ExpectedAxonWiring withPooledProcessors(
      Collection<String> processingGroups, Class<? extends TokenStore> tokenStore) {
    return new ExpectedAxonWiring(Set.copyOf(processingGroups), tokenStore, Transactions.NONE);
  }

  /** The same, with Axon's units of work in the service database's transactions. */
  public ExpectedAxonWiring withSpringTransactions() {
    return new ExpectedAxonWiring(processingGroups, tokenStore, Transactions.SPRING);
  }
}
