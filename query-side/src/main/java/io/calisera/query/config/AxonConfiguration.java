package io.calisera.query.config;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.calisera.service.ExpectedAxonWiring;
import io.calisera.service.readmodel.ProcessorActivity;
import io.calisera.service.readmodel.ReadModels;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * How Axon runs here beyond what every service gets from {@code service-support} (the api's mapper,
 * the wiring check, the clock): one pooled streaming processor per read model, its token in the
 * read models' own MongoDB, and no transactions.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuerySideProperties.class)
public class AxonConfiguration {

  public static final String TOKEN_COLLECTION = "tokens";

  /**
   * No transactions: mongo-java-server has no multi-document transactions, and the read models do
   * not need them. Every handler is idempotent (each document keeps the position of the last event
   * applied to it), and the token is stored after the documents, so a batch interrupted half-way is
   * simply applied again.
   */
  @Bean
  ExpectedAxonWiring expectedAxonWiring() {
    return ExpectedAxonWiring.withPooledProcessors(ProcessingGroups.ALL, MongoTokenStore.class);
  }

  /** Every read model tells the bff how far it has come (read-your-writes). */
  @Bean
  ReadModels readModels(MongoTokenStore tokenStore) {
    return new ReadModels(ProcessingGroups.ALL, tokenStore::storedTokens);
  }

  @Bean
  MongoTokenStore tokenStore(
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
  ConfigurerModule eventProcessorsModule(
      QuerySideProperties properties, ProcessorActivity activity) {
    return configurer ->
        activity.usePooledProcessors(
            configurer.eventProcessing(), properties.batchSize(), properties.segments());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "query-side";
    }
  }
}
