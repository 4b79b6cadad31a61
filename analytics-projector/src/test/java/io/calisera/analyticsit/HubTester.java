package io.calisera.analyticsit;

import io.calisera.api.common.MessageSerialization;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * A plain Axon application on the hub, connected as {@link HubApplications#TESTER}, that stands in
 * for the command side and the bff: it appends provider events as the Provider aggregate does
 * (bookings live in their provider's stream) and asks queries.
 */
final class HubTester implements AutoCloseable {

  private final Configuration axon;
  private final Map<String, Long> sequences = new ConcurrentHashMap<>();

  private HubTester(Configuration axon) {
    this.axon = axon;
  }

  static HubTester connect(HubProcess hub) {
    AxonServerConfiguration server =
        AxonServerConfiguration.builder()
            .servers(hub.address())
            .token(hub.token(HubApplications.TESTER))
            .componentName("hub-tester")
            .build();
    JacksonSerializer serializer =
        JacksonSerializer.builder().objectMapper(MessageSerialization.objectMapper()).build();
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

  /** Appends the events, each to its provider's stream with the next sequence number. */
  void publish(List<?> events) {
    List<DomainEventMessage<?>> messages = new ArrayList<>();
    for (Object event : events) {
      String providerId = providerIdOf(event);
      long sequence = sequences.merge(providerId, 0L, (old, zero) -> old + 1);
      messages.add(new GenericDomainEventMessage<>("Provider", providerId, sequence, event));
    }
    axon.eventStore().publish(messages);
  }

  /** The hub's last token: the position every read model must reach. */
  long lastToken() {
    return axon.eventStore().createHeadToken().position().orElse(-1);
  }

  QueryGateway queries() {
    return axon.queryGateway();
  }

  @Override
  public void close() {
    axon.shutdown();
  }

  private static String providerIdOf(Object event) {
    try {
      return (String) event.getClass().getMethod("providerId").invoke(event);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("Not a provider's event: " + event, e);
    }
  }
}
