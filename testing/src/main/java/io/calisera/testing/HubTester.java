package io.calisera.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * A plain Axon application on the hub, connected as {@link HubApplications#TESTER} (which may
 * append and ask anything), that stands in for the command side and the bff where a service's tests
 * or a benchmark feed the hub directly: it appends events as the aggregates do and asks queries.
 */
public final class HubTester implements AutoCloseable {

  private final Configuration axon;
  private final Map<String, Long> sequences = new HashMap<>();

  private HubTester(Configuration axon) {
    this.axon = axon;
  }

  /**
   * Connects to {@code hub} as {@link HubApplications#TESTER}, named {@code name}, writing messages
   * with {@code messages}: the platform's mapper ({@code MessageSerialization.objectMapper()} of
   * the api), so that the services read what it sends.
   */
  public static HubTester connect(HubProcess hub, String name, ObjectMapper messages) {
    return connect(hub, HubApplications.TESTER, name, messages);
  }

  /** As {@link #connect(HubProcess, String, ObjectMapper)}, with {@code application}'s token. */
  public static HubTester connect(
      HubProcess hub, String application, String name, ObjectMapper messages) {
    AxonServerConfiguration server =
        AxonServerConfiguration.builder()
            .servers(hub.address())
            .token(hub.token(application))
            .componentName(name)
            .clientId(name + "-" + ProcessHandle.current().pid())
            .build();
    JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(messages).build();
    Configuration axon =
        DefaultConfigurer.defaultConfiguration()
            .registerComponent(AxonServerConfiguration.class, c -> server)
            .configureSerializer(c -> serializer)
            .configureEventSerializer(c -> serializer)
            .configureMessageSerializer(c -> serializer)
            .buildConfiguration();
    axon.start();
    axon.getComponent(AxonServerConnectionManager.class).getConnection();
    return new HubTester(axon);
  }

  /**
   * Appends the events in one call, each to its aggregate with the next sequence number: an event
   * that names a provider to that provider's stream (its services, schedule and bookings live
   * there), any other that names an account to that account's.
   */
  public void publish(Object... events) {
    publish(Arrays.asList(events));
  }

  /** As {@link #publish(Object...)}. */
  public synchronized void publish(List<?> events) {
    List<DomainEventMessage<?>> messages = new ArrayList<>();
    for (Object event : events) {
      boolean provider = accessor(event, "providerId") != null;
      String type = provider ? "Provider" : "Account";
      String id = provider ? accessor(event, "providerId") : accessor(event, "accountId");
      if (id == null) {
        throw new IllegalArgumentException("Names neither a provider nor an account: " + event);
      }
      long sequence = sequences.merge(type + "/" + id, 0L, (old, zero) -> old + 1);
      messages.add(new GenericDomainEventMessage<>(type, id, sequence, event));
    }
    publishMessages(messages);
  }

  /** Appends the messages as they are, in one call (they carry their own sequence numbers). */
  public void publishMessages(List<? extends DomainEventMessage<?>> messages) {
    axon.eventStore().publish(messages);
  }

  /** The hub's last token: the position every read model must reach to have seen all of it. */
  public long lastToken() {
    return axon.eventStore().createHeadToken().position().orElse(-1);
  }

  public CommandGateway commands() {
    return axon.commandGateway();
  }

  public QueryGateway queries() {
    return axon.queryGateway();
  }

  @Override
  public void close() {
    axon.shutdown();
  }

  private static String accessor(Object event, String name) {
    try {
      return (String) event.getClass().getMethod(name).invoke(event);
    } catch (NoSuchMethodException absent) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("Cannot read " + name + " of " + event, e);
    }
  }
}
