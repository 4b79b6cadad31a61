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
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
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
