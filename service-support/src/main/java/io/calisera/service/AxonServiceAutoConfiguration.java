package io.calisera.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calisera.api.common.MessageSerialization;
import io.calisera.service.readmodel.ProcessorActivity;
import io.calisera.service.readmodel.ReadModelPositionQueries;
import io.calisera.service.readmodel.ReadModelProgress;
import io.calisera.service.readmodel.ReadModels;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What every Axon service of the platform declares alike: the api's JSON mapper for Axon, the
 * transaction manager of its {@link ExpectedAxonWiring}, the {@link AxonWiring} check, the business
 * {@link Clock}, the {@link TraceInLogs} of every handler, the {@link HubWait} at startup, and
 * {@link ProcessorRestarts} after a hub restart. A service keeps only what is its own (its {@code
 * ExpectedAxonWiring}, token store, processors' settings, snapshots, interceptors).
 *
 * <p>It runs before Axon's own auto-configurations of the mapper and the transaction manager, which
 * then see these beans and step back. Left to themselves on Boot 4 they decide on missing beans
 * whose Boot 3 auto-configurations they wait for by class names that Boot 4 moved, and silently
 * pick a mapper without the api's settings and no transactions where the service has a database.
 */
@AutoConfiguration(
    before = {
      ObjectMapperAutoConfiguration.class,
      TransactionAutoConfiguration.class,
      NoOpTransactionAutoConfiguration.class,
      AxonAutoConfiguration.class
    })
public class AxonServiceAutoConfiguration {

  /**
   * The one JSON form of messages, events and snapshots, so that every service reads the others.
   */
  @Bean
  ObjectMapper defaultAxonObjectMapper() {
    return MessageSerialization.objectMapper();
  }

  /** Without a declaration of its own, a service has no event processors and no transactions. */
  @Bean
  @ConditionalOnMissingBean
  ExpectedAxonWiring expectedAxonWiring() {
    return ExpectedAxonWiring.withoutEventProcessors();
  }

  @Bean
  @ConditionalOnMissingBean(TransactionManager.class)
  TransactionManager axonTransactionManager(
      ExpectedAxonWiring expected, ObjectProvider<PlatformTransactionManager> database) {
    return switch (expected.transactions()) {
      case NONE -> NoTransactionManager.INSTANCE;
      case SPRING ->
          new SpringTransactionManager(
              database.getIfAvailable(
                  () -> {
                    throw new IllegalStateException(
                        "The service expects Axon in its database's transactions but has no"
                            + " PlatformTransactionManager (a DataSource and spring-jdbc)");
                  }));
    };
  }

  @Bean
  AxonWiring axonWiring(
      org.axonframework.config.Configuration axon,
      @Qualifier("defaultAxonObjectMapper") ObjectMapper apiMapper,
      ExpectedAxonWiring expected) {
    return new AxonWiring(axon, apiMapper, expected);
  }

  /**
   * The HTTP request's trace id in the log lines of every message's handling: Axon's interceptor
   * auto-configuration registers it on the command bus, the query bus and every event processor.
   */
  @Bean
  MessageHandlerInterceptor<Message<?>> traceInLogs() {
    return new TraceInLogs();
  }

  /**
   * Business time: every "now" of the service comes from here. {@code calisera.fixed-now} (tests)
   * makes it stand still at that instant.
   */
  @Bean
  @ConditionalOnMissingBean
  Clock clock(@Value("${calisera.fixed-now:}") String fixedNow) {
    return fixedNow.isBlank()
        ? Clock.systemUTC()
        : Clock.fixed(Instant.parse(fixedNow), ZoneOffset.UTC);
  }

  /**
   * A service that declares its {@link ReadModels} tells how far they have come (read-your-writes):
   * it answers {@code FindReadModelPositionsQuery} and pushes every move.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(ReadModels.class)
  static class ReadModelPositionsOfTheService {

    @Bean
    ProcessorActivity processorActivity() {
      return new ProcessorActivity();
    }

    @Bean
    ReadModelPositionQueries readModelPositionQueries(
        org.axonframework.config.Configuration axon, ReadModels readModels) {
      return new ReadModelPositionQueries(axon, readModels);
    }

    @Bean
    ReadModelProgress readModelProgress(
        ReadModelPositionQueries positions,
        QueryUpdateEmitter emitter,
        ProcessorActivity activity) {
      return new ReadModelProgress(positions, emitter, activity);
    }
  }

  /** Only where the service talks to a hub (tests may run Axon's local buses instead). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(AxonServerConnectionManager.class)
  @ConditionalOnProperty(name = "axon.axonserver.enabled", matchIfMissing = true)
  static class Hub {

    @Bean
    HubWait hubWait(AxonServerConnectionManager connections, AxonServerConfiguration hub) {
      return new HubWait(connections, hub.getServers());
    }

    /** Event processors read on within a second of a hub restart, not after Axon's waits. */
    @Bean
    ProcessorRestarts processorRestarts(
        AxonServerConnectionManager connections, EventProcessingConfiguration processing) {
      return ProcessorRestarts.of(connections, processing);
    }
  }
}
