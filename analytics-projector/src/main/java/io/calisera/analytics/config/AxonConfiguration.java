package io.calisera.analytics.config;

import io.calisera.analytics.facts.AnalyticsProjection;
import io.calisera.service.ExpectedAxonWiring;
import io.calisera.service.readmodel.JdbcStoredTokens;
import io.calisera.service.readmodel.ProcessorActivity;
import io.calisera.service.readmodel.ReadModels;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How Axon runs here beyond what every service gets from {@code service-support}: one pooled
 * streaming processor ({@link AnalyticsProjection#GROUP}) whose batches, token included, commit in
 * one PostgreSQL transaction, and whose position the bff waits for after every change
 * (read-your-writes).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalyticsProperties.class)
public class AxonConfiguration {

  /** The token table of {@code V1__analytics.sql}. */
  static final TokenSchema TOKENS =
      TokenSchema.builder()
          .setTokenTable("token_entry")
          .setProcessorNameColumn("processor_name")
          .setSegmentColumn("segment")
          .setTokenColumn("token")
          .setTokenTypeColumn("token_type")
          .setTimestampColumn("timestamp")
          .setOwnerColumn("owner")
          .build();

  /**
   * The database's transactions: a batch's rows and its token commit together, so a batch is
   * applied once or not at all; the handlers are idempotent besides (positions on every row).
   */
  @Bean
  ExpectedAxonWiring expectedAxonWiring() {
    return ExpectedAxonWiring.withPooledProcessors(
            List.of(AnalyticsProjection.GROUP), JdbcTokenStore.class)
        .withSpringTransactions();
  }

  /** Axon's JDBC auto-configuration does not see the DataSource on Boot 4 (docs/stack.md). */
  @Bean
  JdbcTokenStore tokenStore(
      DataSource dataSource,
      @Qualifier("serializer") Serializer serializer,
      AnalyticsProperties properties) {
    String nodeId = properties.nodeId();
    return JdbcTokenStore.builder()
        .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
        .serializer(serializer)
        .schema(TOKENS)
        .contentType(byte[].class)
        .claimTimeout(properties.claimTimeout())
        .nodeId(nodeId.isBlank() ? hostName() + "-" + UUID.randomUUID() : nodeId)
        .build();
  }

  /** The analytics tell the bff how far they have come (read-your-writes). */
  @Bean
  ReadModels readModels(DataSource dataSource, @Qualifier("serializer") Serializer serializer) {
    return new ReadModels(
        List.of(AnalyticsProjection.GROUP), new JdbcStoredTokens(dataSource, serializer, TOKENS));
  }

  /**
   * The pooled streaming processor, its batches up to the batch size, its workers signalling. A
   * handler that fails fails its batch, which is retried: Axon's default would log and skip the
   * event, leaving figures wrong for good.
   */
  @Bean
  ConfigurerModule eventProcessorsModule(
      AnalyticsProperties properties, ProcessorActivity activity) {
    return configurer ->
        activity.usePooledProcessors(
            configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(
                    config -> PropagatingErrorHandler.instance()),
            properties.batchSize(),
            1);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "analytics-projector";
    }
  }
}
