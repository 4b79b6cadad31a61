package io.calisera.queryit;

import io.calisera.api.account.AccountRegisteredEvent;
import io.calisera.api.account.RolesGrantedEvent;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A stock Axon application on the hub (with service-support's wiring, as every service) that stands
 * in for the command side and the bff: it appends domain events exactly as the aggregates would
 * (provider and booking events on the Provider aggregate, account events on the Account aggregate)
 * and sends queries.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
      "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
      "org.springframework.boot.mongodb.autoconfigure.metrics.MongoMetricsAutoConfiguration",
      "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
      "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration"
    })
public class HubClient {

  /** The running client. */
  public record Running(ConfigurableApplicationContext context) implements AutoCloseable {

    private static final Map<String, Long> SEQUENCES = new ConcurrentHashMap<>();

    public QueryGateway queries() {
      return context.getBean(QueryGateway.class);
    }

    /** Appends the events, each to its aggregate with the next sequence number, in one call. */
    public void publish(Object... events) {
      List<DomainEventMessage<?>> messages = new ArrayList<>();
      for (Object event : events) {
        String type = aggregateType(event);
        String id = aggregateId(event);
        long sequence = SEQUENCES.merge(type + "/" + id, 0L, (old, zero) -> old + 1);
        messages.add(new GenericDomainEventMessage<>(type, id, sequence, event));
      }
      context.getBean(EventStore.class).publish(messages);
    }

    @Override
    public void close() {
      context.close();
    }

    private static String aggregateType(Object event) {
      return event instanceof AccountRegisteredEvent || event instanceof RolesGrantedEvent
          ? "Account"
          : "Provider";
    }

    private static String aggregateId(Object event) {
      try {
        String accessor =
            event instanceof AccountRegisteredEvent || event instanceof RolesGrantedEvent
                ? "accountId"
                : "providerId";
        return (String) event.getClass().getMethod(accessor).invoke(event);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("Not an aggregate's event: " + event, e);
      }
    }
  }

  /** Connects as the hub's {@link HubApplications#TESTER}, which may append and ask anything. */
  public static Running start(HubProcess hub) {
    var arguments = new ArrayList<>(hub.connectionArguments(HubApplications.TESTER));
    arguments.addAll(
        List.of(
            "--spring.application.name=hub-client",
            "--axon.axonserver.client-id=hub-client",
            "--axon.axonserver.component-name=hub-client",
            "--axon.serializer.general=jackson",
            "--axon.serializer.events=jackson",
            "--axon.serializer.messages=jackson",
            "--spring.main.banner-mode=off"));
    return new Running(
        new SpringApplicationBuilder(HubClient.class)
            .web(WebApplicationType.NONE)
            // arguments: query-side's application.yml is on the test class path too
            .run(arguments.toArray(String[]::new)));
  }
}
