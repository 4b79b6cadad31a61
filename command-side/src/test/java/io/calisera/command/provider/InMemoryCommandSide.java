package io.calisera.command.provider;

import io.calisera.command.account.AccountTesting;
import io.calisera.command.booking.BookingTesting;
import io.calisera.command.common.UnknownAggregateRefusal;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;

/**
 * Every aggregate and command handler of the command side on Axon's in-memory event store: for the
 * handlers that work on several aggregates in one unit of work, which the single-aggregate test
 * fixture cannot host. Commands go through a real command bus and gateway.
 */
public final class InMemoryCommandSide implements AutoCloseable {

  private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
  private final Configuration axon;

  public InMemoryCommandSide() {
    // false: no modules from the classpath, which would connect to an Axon Server
    Configurer configurer =
        DefaultConfigurer.defaultConfiguration(false)
            .configureEmbeddedEventStore(c -> storage)
            .configureAggregate(Provider.class)
            .configureAggregate(SlugClaim.class);
    AccountTesting.withAccounts(configurer);
    BookingTesting.withPlacement(configurer, c -> c.repository(Provider.class));
    configurer.registerCommandHandler(
        c ->
            new ProviderRegistration(
                c.repository(Provider.class),
                c.repository(SlugClaim.class),
                AccountTesting.accountRoles(c)));
    axon = configurer.buildConfiguration();
    axon.commandBus().registerHandlerInterceptor(new UnknownAggregateRefusal());
    axon.start();
  }

  public <R> R send(Object command) {
    return axon.commandGateway().sendAndWait(command);
  }

  /**
   * The payloads of every stored event, in order, read from the storage itself: the event store's
   * streams are fed by a thread of their own and may not have every event yet.
   */
  public List<Object> events() {
    return storage.readEvents(null, false).<Object>map(Message::getPayload).toList();
  }

  /** The payloads of one aggregate's events. */
  public List<Object> eventsOf(String aggregateId) {
    return axon.eventStore()
        .readEvents(aggregateId)
        .asStream()
        .<Object>map(Message::getPayload)
        .toList();
  }

  @Override
  public void close() {
    axon.shutdown();
  }
}
