package io.calisera.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The wiring rules on real Axon configurations, right and wrong. */
class AxonWiringTest {

  private static final ObjectMapper API_MAPPER = new ObjectMapper();

  /** A token store of a type of our own, standing in for a service's persistent one. */
  static final class DurableTokens extends InMemoryTokenStore {}

  @Test
  void aServiceWiredAsRequiredPassesAndIsDescribed() {
    Configuration axon =
        configure(c -> withProcessors(c, new DurableTokens(), "bookings", "slots"));
    var wiring =
        AxonWiring.withPooledProcessors(
            axon, API_MAPPER, Set.of("bookings", "slots"), DurableTokens.class);

    assertThat(wiring.problems()).isEmpty();
    assertThat(wiring.describe())
        .containsEntry("serializer", "JacksonSerializer with the api's ObjectMapper")
        .containsEntry("event serializer", "JacksonSerializer with the api's ObjectMapper")
        .containsEntry("message serializer", "JacksonSerializer with the api's ObjectMapper")
        .containsEntry("transaction manager", "NoTransactionManager")
        .containsEntry(
            "processor bookings",
            "PooledStreamingEventProcessor, tokens in DurableTokens, NoTransactionManager")
        .containsKey("command bus")
        .containsKey("query bus");
  }

  @Test
  void anotherMapperIsRefused() {
    Configuration axon =
        configure(c -> c.configureSerializer(config -> JacksonSerializer.defaultSerializer()));

    var wiring = AxonWiring.withoutEventProcessors(axon, API_MAPPER);

    assertThat(wiring.problems())
        .containsExactly("serializers must be Jackson 2 with the api's ObjectMapper");
    assertThat(wiring.describe())
        .containsEntry("serializer", "JacksonSerializer with ANOTHER mapper");
  }

  @Test
  void aTransactionManagerIsRefused() {
    TransactionManager real = () -> null;
    Configuration axon =
        configure(c -> c.registerComponent(TransactionManager.class, config -> real));

    assertThat(AxonWiring.withoutEventProcessors(axon, API_MAPPER).problems())
        .containsExactly(
            "the transaction manager must be NoTransactionManager, also the processors'");
  }

  @Test
  void missingUnexpectedAndMisconfiguredProcessorsAreRefused() {
    Configuration axon = configure(c -> withProcessors(c, new InMemoryTokenStore(), "bookings"));

    assertThat(
            AxonWiring.withPooledProcessors(
                    axon, API_MAPPER, Set.of("bookings", "slots"), DurableTokens.class)
                .problems())
        .containsExactly(
            "the event processors must be exactly [bookings, slots], were [bookings]",
            "processor bookings must keep its token in DurableTokens");
    assertThat(AxonWiring.withoutEventProcessors(axon, API_MAPPER).problems())
        .containsExactly("the event processors must be exactly [], were [bookings]");
  }

  @Test
  void aBrokenRuleStopsTheStartWithWhatIsWrong() {
    Configuration axon =
        configure(c -> c.configureSerializer(config -> JacksonSerializer.defaultSerializer()));

    assertThatThrownBy(
            () -> AxonWiring.withoutEventProcessors(axon, API_MAPPER).onApplicationEvent(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("serializers must be Jackson 2 with the api's ObjectMapper");
  }

  /** Jackson on the api's mapper everywhere and no transactions, then the test's changes. */
  private static Configuration configure(UnaryOperator<Configurer> changes) {
    Configurer configurer =
        DefaultConfigurer.defaultConfiguration(false)
            .configureEmbeddedEventStore(config -> new InMemoryEventStorageEngine())
            .configureSerializer(
                config -> JacksonSerializer.builder().objectMapper(API_MAPPER).build())
            .configureEventSerializer(
                config -> JacksonSerializer.builder().objectMapper(API_MAPPER).build())
            .configureMessageSerializer(
                config -> JacksonSerializer.builder().objectMapper(API_MAPPER).build())
            .registerComponent(TransactionManager.class, config -> NoTransactionManager.INSTANCE);
    return changes.apply(configurer).buildConfiguration();
  }

  private static Configurer withProcessors(
      Configurer configurer, TokenStore tokens, String... groups) {
    configurer
        .eventProcessing()
        .registerTokenStore(config -> tokens)
        .usingPooledStreamingEventProcessors();
    for (String group : groups) {
      configurer
          .eventProcessing()
          .assignHandlerInstancesMatching(
              group, handler -> handler instanceof Handler mine && mine.group().equals(group))
          .registerEventHandler(config -> new Handler(group));
    }
    return configurer;
  }

  /** An event handler in a processing group of the test's choosing. */
  record Handler(String group) {
    @EventHandler
    void on(String event) {}
  }
}
