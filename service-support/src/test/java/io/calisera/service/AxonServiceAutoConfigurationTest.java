package io.calisera.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import io.calisera.service.readmodel.ProcessorActivity;
import io.calisera.service.readmodel.ReadModelPositionQueries;
import io.calisera.service.readmodel.ReadModelProgress;
import io.calisera.service.readmodel.ReadModels;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A minimal Spring Boot application with this library and Axon's starter (Axon's local buses
 * instead of a hub): the beans every service gets, and the start refused when Axon is not wired as
 * the service declared.
 */
class AxonServiceAutoConfigurationTest {

  static final String JACKSON = "--axon.serializer.general=jackson";
  static final String JACKSON_EVENTS = "--axon.serializer.events=jackson";
  static final String JACKSON_MESSAGES = "--axon.serializer.messages=jackson";

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class AService {}

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class AServiceWithADatabase {

    @Bean
    PlatformTransactionManager transactionManager() {
      return new StandInDatabaseTransactions();
    }

    @Bean
    ExpectedAxonWiring expectedAxonWiring() {
      return ExpectedAxonWiring.withoutEventProcessors().withSpringTransactions();
    }
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class AServiceWithReadModels {

    @Bean
    ReadModels readModels() {
      return new ReadModels(List.of(), processor -> Map.of());
    }
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class AServiceExpectingADatabaseItHasNot {

    @Bean
    ExpectedAxonWiring expectedAxonWiring() {
      return ExpectedAxonWiring.withoutEventProcessors().withSpringTransactions();
    }
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class AServiceWithATransactionManagerItDidNotDeclare {

    @Bean
    TransactionManager axonTransactionManager() {
      return new SpringTransactionManager(new StandInDatabaseTransactions());
    }
  }

  /** A command, a query and an event whose handlers answer or keep the trace id of their logs. */
  record Traced(String what) {}

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @ProcessingGroup("traced")
  static class AServiceWithHandlers {

    final CompletableFuture<String> eventTrace = new CompletableFuture<>();

    @Bean
    EventStorageEngine eventStorageEngine() {
      return new InMemoryEventStorageEngine();
    }

    @Bean
    InMemoryTokenStore tokenStore() {
      return new InMemoryTokenStore();
    }

    @Bean
    ExpectedAxonWiring expectedAxonWiring() {
      return ExpectedAxonWiring.withPooledProcessors(List.of("traced"), InMemoryTokenStore.class);
    }

    @CommandHandler
    String command(Traced command) {
      return MDC.get(TraceInLogs.TRACE_ID);
    }

    @QueryHandler
    String query(Traced query) {
      return MDC.get(TraceInLogs.TRACE_ID);
    }

    @EventHandler
    void event(Traced event) {
      eventTrace.complete(MDC.get(TraceInLogs.TRACE_ID));
    }
  }

  @Test
  void theTraceIdOfAMessageIsInTheLogsOfItsCommandQueryAndEventHandlers() throws Exception {
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    MetaData traced = MetaData.with(TraceInLogs.TRACE_ID, trace);
    try (var service =
        run(AServiceWithHandlers.class, "--axon.eventhandling.processors.traced.mode=pooled")) {
      Configuration axon = service.getBean(Configuration.class);

      String commandTrace =
          axon.commandGateway()
              .sendAndWait(
                  GenericCommandMessage.asCommandMessage(new Traced("command"))
                      .andMetaData(traced));
      String queryTrace =
          axon.queryBus()
              .query(
                  new GenericQueryMessage<>(
                          new Traced("query"), ResponseTypes.instanceOf(String.class))
                      .andMetaData(traced))
              .get(5, TimeUnit.SECONDS)
              .getPayload();
      axon.eventGateway()
          .publish(GenericEventMessage.asEventMessage(new Traced("event")).andMetaData(traced));

      assertThat(commandTrace).isEqualTo(trace);
      assertThat(queryTrace).isEqualTo(trace);
      assertThat(service.getBean(AServiceWithHandlers.class).eventTrace.get(10, TimeUnit.SECONDS))
          .isEqualTo(trace);
      assertThat(MDC.get(TraceInLogs.TRACE_ID)).isNull();
    }
  }

  @Test
  void aServiceGetsTheApisMapperNoTransactionsTheWiringCheckAndTheSystemClock() throws Exception {
    try (var service = run(AService.class)) {
      Configuration axon = service.getBean(Configuration.class);
      ObjectMapper apiMapper = service.getBean("defaultAxonObjectMapper", ObjectMapper.class);

      for (Serializer serializer :
          List.of(axon.serializer(), axon.eventSerializer(), axon.messageSerializer())) {
        assertThat(((JacksonSerializer) serializer).getObjectMapper()).isSameAs(apiMapper);
      }
      assertThat(apiMapper.writeValueAsString(Instant.parse("2026-03-02T08:00:00Z")))
          .as("the api's settings, not Jackson's defaults")
          .isEqualTo("\"2026-03-02T08:00:00Z\"");
      assertThat(axon.getComponent(TransactionManager.class))
          .isSameAs(NoTransactionManager.INSTANCE);
      assertThat(service.getBean(AxonWiring.class).problems()).isEmpty();
      assertThat(service.getBean(Clock.class)).isEqualTo(Clock.systemUTC());
      assertThat(service.getBeansOfType(HubWait.class)).as("no hub, nothing to wait for").isEmpty();
    }
  }

  @Test
  void aServiceWithReadModelsAnswersHowFarTheyHaveComeAndOthersDoNot() throws Exception {
    try (var service = run(AServiceWithReadModels.class)) {
      ReadModelPositions answer =
          service
              .getBean(QueryGateway.class)
              .query(new FindReadModelPositionsQuery("test"), ReadModelPositions.class)
              .get(5, TimeUnit.SECONDS);

      assertThat(answer.readModels()).isEmpty();
      assertThat(service.getBeansOfType(ReadModelProgress.class)).hasSize(1);
    }
    try (var service = run(AService.class)) {
      assertThat(service.getBeansOfType(ReadModelPositionQueries.class)).isEmpty();
      assertThat(service.getBeansOfType(ProcessorActivity.class)).isEmpty();
    }
  }

  @Test
  void fixedNowMakesTheClockStandStill() {
    try (var service = run(AService.class, "--calisera.fixed-now=2026-03-02T08:00:00Z")) {
      Clock clock = service.getBean(Clock.class);

      assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
      assertThat(clock.instant()).isEqualTo(clock.instant());
    }
  }

  @Test
  void aServiceWithADatabaseRunsAxonInItsTransactions() {
    try (var service = run(AServiceWithADatabase.class)) {
      Configuration axon = service.getBean(Configuration.class);

      assertThat(axon.getComponent(TransactionManager.class))
          .isInstanceOf(SpringTransactionManager.class)
          .isSameAs(service.getBean(TransactionManager.class));
      assertThat(service.getBean(AxonWiring.class).problems()).isEmpty();
    }
  }

  @Test
  void aServiceExpectingItsDatabasesTransactionsWithoutADatabaseDoesNotStart() {
    assertThatThrownBy(() -> run(AServiceExpectingADatabaseItHasNot.class).close())
        .hasStackTraceContaining("has no PlatformTransactionManager");
  }

  @Test
  void aTransactionManagerOtherThanTheDeclaredOneStopsTheStart() {
    assertThatThrownBy(() -> run(AServiceWithATransactionManagerItDidNotDeclare.class).close())
        .hasStackTraceContaining(
            "the transaction manager must be NoTransactionManager as the service declared");
  }

  @Test
  void aServiceLeftWithAxonsDefaultSerializerDoesNotStart() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(AService.class)
                    .web(WebApplicationType.NONE)
                    .run("--axon.axonserver.enabled=false")
                    .close())
        .hasStackTraceContaining("serializers must be Jackson 2 with the api's ObjectMapper");
  }

  private static ConfigurableApplicationContext run(Class<?> service, String... arguments) {
    List<String> all =
        new ArrayList<>(
            List.of("--axon.axonserver.enabled=false", JACKSON, JACKSON_EVENTS, JACKSON_MESSAGES));
    all.addAll(List.of(arguments));
    return new SpringApplicationBuilder(service)
        .web(WebApplicationType.NONE)
        .run(all.toArray(String[]::new));
  }
}
