package io.calisera.command.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calisera.api.common.MessageSerialization;
import io.calisera.command.common.DomainComponent;
import io.calisera.command.common.UnattestedActorRefusal;
import io.calisera.command.common.UnknownAggregateRefusal;
import io.calisera.service.AxonWiring;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * How Axon runs here. Everything that {@code docs/stack.md} says fails silently when left to Axon's
 * auto-configuration on Boot 4 is declared explicitly, and {@link AxonWiring} logs and verifies
 * what was chosen.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(
    basePackages = "io.calisera.command",
    useDefaultFilters = false,
    includeFilters = @ComponentScan.Filter(DomainComponent.class))
class AxonConfiguration {

  /** The api's JSON form of messages, events and snapshots (Axon's Jackson 2 serializer). */
  @Bean
  ObjectMapper defaultAxonObjectMapper() {
    return MessageSerialization.objectMapper();
  }

  /**
   * Nothing local to make transactional: the only store is the hub's event store, whose append is
   * atomic per unit of work. Declared so that the choice does not hang on auto-configuration order.
   */
  @Bean
  TransactionManager axonTransactionManager() {
    return NoTransactionManager.INSTANCE;
  }

  /** Aggregates and a query-driven sweep: no event processors. */
  @Bean
  AxonWiring axonWiring(
      org.axonframework.config.Configuration axon,
      @Qualifier("defaultAxonObjectMapper") ObjectMapper apiMapper) {
    return AxonWiring.withoutEventProcessors(axon, apiMapper);
  }

  /** A busy provider is loaded from its latest snapshot plus at most this many events. */
  @Bean
  SnapshotTriggerDefinition providerSnapshotTrigger(
      Snapshotter snapshotter, @Value("${calisera.command.snapshot-every:100}") int every) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, every);
  }

  /**
   * Providers stay in memory between commands while referenced; the hub routes all of a provider's
   * commands to one instance, so the cached state is normally current, and {@code
   * ProviderRepository} checks that it is before using it.
   */
  @Bean
  Cache providerCache() {
    return new WeakReferenceCache();
  }

  /** Axon's correlation and trace ids (declaring any provider replaces Axon's default). */
  @Bean
  CorrelationDataProvider messageOriginProvider() {
    return new MessageOriginProvider();
  }

  /** The actor of each command in the metadata of the events it causes, for the audit trail. */
  @Bean
  CorrelationDataProvider actorCorrelationDataProvider() {
    return new ActorCorrelationDataProvider();
  }

  /**
   * {@code FORBIDDEN} for commands whose actor the hub does not attest the dispatcher may act as.
   * Against a real Axon Server, which attests nothing, an operator who lets only the bff and the
   * command side dispatch commands sets {@code calisera.command.actors-attested-by-hub=false}.
   */
  @Bean
  @ConditionalOnProperty(
      name = "calisera.command.actors-attested-by-hub",
      havingValue = "true",
      matchIfMissing = true)
  MessageHandlerInterceptor<CommandMessage<?>> unattestedActorRefusal() {
    return new UnattestedActorRefusal();
  }

  /** {@code NOT_FOUND} for commands about providers and accounts that do not exist. */
  @Bean
  MessageHandlerInterceptor<CommandMessage<?>> unknownAggregateRefusal() {
    return new UnknownAggregateRefusal();
  }
}
