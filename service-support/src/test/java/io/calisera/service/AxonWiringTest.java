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
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
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
        new AxonWiring(
            axon,
            API_MAPPER,
            ExpectedAxonWiring.withPooledProcessors(
                Set.of("bookings", "slots"), DurableTokens.class));

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

    var wiring = withoutEventProcessors(axon);

    assertThat(wiring.problems())
        .containsExactly("serializers must be Jackson 2 with the api's ObjectMapper");
    assertThat(wiring.describe())
        .containsEntry("serializer", "JacksonSerializer with ANOTHER mapper");
  }

  @Test
  void aTransactionManagerTheServiceDidNotDeclareIsRefused() {
    TransactionManager real = () -> null;
    Configuration axon =
        configure(c -> c.registerComponent(TransactionManager.class, config -> real));

    assertThat(withoutEventProcessors(axon).problems())
        .containsExactly(
            "the transaction manager must be NoTransactionManager as the service declared, also"
                + " the processors'");
  }

  @Test
  void aServiceThatDeclaredItsDatabasesTransactionsMustHaveThemAlsoInItsProcessors() {
    var expected =
        ExpectedAxonWiring.withPooledProcessors(Set.of("reminders"), DurableTokens.class)
            .withSpringTransactions();
    TransactionManager spring = new SpringTransactionManager(new StandInDatabaseTransactions());
    Configuration withSpring =
        configure(
            c ->
                withProcessors(c, new DurableTokens(), "reminders")
                    .registerComponent(TransactionManager.class, config -> spring));
    Configuration withoutSpring =
        configure(c -> withProcessors(c, new DurableTokens(), "reminders"));

    assertThat(new AxonWiring(withSpring, API_MAPPER, expected).problems()).isEmpty();
    assertThat(new AxonWiring(withSpring, API_MAPPER, expected).describe())
        .containsEntry(
            "processor reminders",
            "PooledStreamingEventProcessor, tokens in DurableTokens, SpringTransactionManager");
    assertThat(new AxonWiring(withoutSpring, API_MAPPER, expected).problems())
        .containsExactly(
            "the transaction manager must be SpringTransactionManager as the service declared,"
                + " also the processors'");
  }

  @Test
  void missingUnexpectedAndMisconfiguredProcessorsAreRefused() {
    Configuration axon = configure(c -> withProcessors(c, new InMemoryTokenStore(), "bookings"));

    assertThat(
            new AxonWiring(
                    axon,
                    API_MAPPER,
                    ExpectedAxonWiring.withPooledProcessors(
                        Set.of("bookings", "slots"), DurableTokens.class))
                .problems())
        .containsExactly(
            "the event processors must be exactly [bookings, slots], were [bookings]",
            "processor bookings must keep its token in DurableTokens");
    assertThat(withoutEventProcessors(axon).problems())
        .containsExactly("the event processors must be exactly [], were [bookings]");
  }

  @Test
  void aBrokenRuleStopsTheStartWithWhatIsWrong() {
    Configuration axon =
        configure(c -> c.configureSerializer(config -> JacksonSerializer.defaultSerializer()));

    assertThatThrownBy(() -> withoutEventProcessors(axon).onApplicationEvent(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("serializers must be Jackson 2 with the api's ObjectMapper");
  }

  private static AxonWiring withoutEventProcessors(Configuration axon) {
    return new AxonWiring(axon, API_MAPPER, ExpectedAxonWiring.withoutEventProcessors());
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
