package io.calisera.command.provider;

import io.calisera.command.account.AccountTesting;
import io.calisera.command.booking.BookingTesting;
import io.calisera.command.common.UnknownAggregateRefusal;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;

/**
 * Every aggregate and command handler of the command side on Axon's in-memory event store: for the
 * handlers that work on several aggregates in one unit of work, which the single-aggregate test
 * fixture cannot host. Commands go through a real command bus and gateway.
 */
public final class InMemoryCommandSide implements AutoCloseable {

  private final Configuration axon;

  public InMemoryCommandSide() {
    // false: no modules from the classpath, which would connect to an Axon Server
    Configurer configurer =
        DefaultConfigurer.defaultConfiguration(false)
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
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

  /** The payloads of every stored event, in order. */
  public List<Object> events() {
    List<Object> payloads = new ArrayList<>();
    try (BlockingStream<TrackedEventMessage<?>> stream = axon.eventStore().openStream(null)) {
      while (stream.hasNextAvailable()) {
        payloads.add(stream.nextAvailable().getPayload());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return payloads;
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
