package io.calisera.notification.config;

import io.calisera.notification.booking.BookingNotificationSaga;
import io.calisera.notification.device.DeviceProjection;
import io.calisera.notification.unanswered.UnansweredBookingSaga;
import io.calisera.service.ExpectedAxonWiring;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How Axon runs here beyond what every service gets from {@code service-support}: the sagas and the
 * devices projection in pooled streaming processors, their tokens, the sagas and the deadlines in
 * this service's PostgreSQL, all in its transactions, so that a saga's state, the notices it
 * posted, the deadlines it scheduled and its processor's token commit together or not at all. On
 * Boot 4 Axon creates none of the JDBC stores itself (docs/stack.md, setting 2).
 *
 * <p>Every processor's first position is set here, because none may be left to Axon's defaults: a
 * service-wide processor configuration (which {@code usingPooledStreamingEventProcessors(config)}
 * registers) silently takes away the head position Axon gives saga processors otherwise, and the
 * notification saga would then tell every customer of the whole history about their booking.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

  /** The processors, named after their processing groups. */
  static final Set<String> PROCESSING_GROUPS =
      Set.of(
          BookingNotificationSaga.PROCESSING_GROUP,
          UnansweredBookingSaga.PROCESSING_GROUP,
          DeviceProjection.PROCESSING_GROUP);

  @Bean
  ExpectedAxonWiring expectedAxonWiring() {
    return ExpectedAxonWiring.withPooledProcessors(PROCESSING_GROUPS, JdbcTokenStore.class)
        .withSpringTransactions();
  }

  @Bean
  ConnectionProvider axonConnections(DataSource dataSource) {
    return new SpringDataSourceConnectionProvider(dataSource);
  }

  @Bean
  TokenStore tokenStore(
      ConnectionProvider axonConnections, @Qualifier("serializer") Serializer serializer) {
    return JdbcTokenStore.builder()
        .connectionProvider(axonConnections)
        .serializer(serializer)
        .claimTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Bean
  SagaStore<Object> sagaStore(
      ConnectionProvider axonConnections, @Qualifier("serializer") Serializer serializer) {
    return JdbcSagaStore.builder()
        .connectionProvider(axonConnections)
        .sqlSchema(new PostgresSagaSqlSchema())
        .serializer(serializer)
        .build();
  }

  /**
   * The notification saga from the head (nobody is told about what happened before the first
   * start); the unanswered bookings and the devices from the beginning (the bookings already
   * waiting must be declined too, the devices already registered reached).
   */
  @Bean
  ConfigurerModule eventProcessorsModule() {
    return configurer ->
        configurer
            .eventProcessing()
            .usingPooledStreamingEventProcessors()
            .registerPooledStreamingEventProcessorConfiguration(
                BookingNotificationSaga.PROCESSING_GROUP,
                (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken))
            .registerPooledStreamingEventProcessorConfiguration(
                UnansweredBookingSaga.PROCESSING_GROUP,
                (config, builder) -> builder.initialToken(StreamableMessageSource::createTailToken))
            .registerPooledStreamingEventProcessorConfiguration(
                DeviceProjection.PROCESSING_GROUP,
                (config, builder) ->
                    builder.initialToken(StreamableMessageSource::createTailToken));
  }
}
