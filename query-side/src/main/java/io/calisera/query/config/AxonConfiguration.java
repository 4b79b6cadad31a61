package io.calisera.query.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.calisera.api.common.MessageSerialization;
import io.calisera.service.AxonWiring;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Axon's wiring, declared rather than left to auto-configuration: on Boot 4, Axon 4.13 would
 * otherwise pick an in-memory token store and never the mapper we mean (stack.md). {@link
 * AxonWiring} logs them and verifies at startup that these are the ones in use.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuerySideProperties.class)
public class AxonConfiguration {

  public static final String TOKEN_COLLECTION = "tokens";

  /** The one JSON form of messages, shared by every service (the api module's). */
  @Bean
  ObjectMapper defaultAxonObjectMapper() {
    return MessageSerialization.objectMapper();
  }

  /**
   * No transactions: mongo-java-server has no multi-document transactions, and the read models do
   * not need them. Every handler is idempotent (each document keeps the position of the last event
   * applied to it), and the token is stored after the documents, so a batch interrupted half-way is
   * simply applied again.
   */
  @Bean
  TransactionManager axonTransactionManager() {
    return NoTransactionManager.INSTANCE;
  }

  /** One pooled streaming processor per read model, its token in MongoDB. */
  @Bean
  AxonWiring axonWiring(
      org.axonframework.config.Configuration axon,
      @Qualifier("defaultAxonObjectMapper") ObjectMapper apiMapper) {
    return AxonWiring.withPooledProcessors(
        axon, apiMapper, Set.copyOf(ProcessingGroups.ALL), MongoTokenStore.class);
  }

  @Bean
  TokenStore tokenStore(
      MongoTemplate mongo,
      @Qualifier("serializer") Serializer serializer,
      QuerySideProperties properties,
      ObjectProvider<H2Backend> embedded,
      ObjectProvider<DurabilityBarrier> barrier,
      Clock clock) {
    String nodeId = properties.nodeId();
    if (nodeId.isBlank()) {
      // The embedded store's file can be open in one process only: a restarted process is the same
      // node and takes its claims back at once instead of waiting for them to time out.
      nodeId =
          embedded.getIfAvailable() != null ? "embedded" : hostName() + "-" + UUID.randomUUID();
    }
    return new MongoTokenStore(
        mongo.getCollection(TOKEN_COLLECTION),
        serializer,
        properties.claimTimeout(),
        nodeId,
        barrier.getIfAvailable(() -> DurabilityBarrier.NONE),
        clock);
  }

  /** Pooled streaming processors for every processing group, batching events between tokens. */
  @Bean
  ConfigurerModule eventProcessorsModule(QuerySideProperties properties) {
    return configurer ->
        configurer
            .eventProcessing()
            .usingPooledStreamingEventProcessors(
                (config, builder) ->
                    builder
                        .batchSize(properties.batchSize())
                        .initialSegmentCount(properties.segments()));
  }

  /** Business time ("now" of the slot rules); never read the system clock elsewhere. */
  @Bean
  Clock clock(QuerySideProperties properties) {
    return properties.fixedNow() == null
        ? Clock.systemUTC()
        : Clock.fixed(properties.fixedNow(), ZoneOffset.UTC);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "query-side";
    }
  }
}
