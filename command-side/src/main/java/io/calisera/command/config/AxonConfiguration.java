package io.calisera.command.config;

import io.calisera.command.common.DomainComponent;
import io.calisera.command.common.OutdatedRefusals;
import io.calisera.command.common.UnattestedActorRefusal;
import io.calisera.command.common.UnknownAggregateRefusal;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * How Axon runs here beyond what every service gets from {@code service-support} (the api's mapper,
 * no transactions, the wiring check, the clock): aggregates only, no event processors, so the
 * default {@code ExpectedAxonWiring} holds.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(
    basePackages = "io.calisera.command",
    useDefaultFilters = false,
    includeFilters = @ComponentScan.Filter(DomainComponent.class))
class AxonConfiguration {

  /** A busy provider is loaded from its latest snapshot plus at most this many events. */
  @Bean
  SnapshotTriggerDefinition providerSnapshotTrigger(
      Snapshotter snapshotter, @Value("${calisera.command.snapshot-every:100}") int every) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, every);
  }

  /**
   * Providers stay in memory between commands while referenced; the hub routes all of a provider's
   * commands to one instance, so the cached state is normally current ({@code
   * CurrentCachingRepository} says what happens when it is not).
   */
  @Bean
  Cache providerCache() {
    return new WeakReferenceCache();
  }

  /**
   * Axon's correlation and trace ids (declaring any provider replaces Axon's default): {@code
   * correlationId} the id of the command, {@code traceId} the command's own {@code traceId} (the
   * W3C trace id of the HTTP request, from the bff) or else the command's id.
   */
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

  /** A refusal decided on a cached provider that missed events is retried, not answered. */
  @Bean
  MessageHandlerInterceptor<CommandMessage<?>> outdatedRefusals(
      EventStore eventStore, Cache providerCache) {
    return new OutdatedRefusals(eventStore, providerCache);
  }
}
