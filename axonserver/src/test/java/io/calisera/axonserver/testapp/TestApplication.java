package io.calisera.axonserver.testapp;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.query.QueryDefinition;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.command.CommandLoadFactorProvider;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A stock Axon Framework 4.13 Spring Boot application, connected to the hub through the unmodified
 * Axon Server connector. Several can run in one test JVM, each with its own client id.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
    })
public class TestApplication {

  /** Snapshot after every third event, so tests see snapshots written and used. */
  @Bean
  SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, 3);
  }

  /**
   * Load factors per command, from {@code test.load-factor.<simple command name>} (default 100), as
   * a deployment that gives one instance a larger share of one command would set them. The routing
   * rings of two commands then differ, and one aggregate's commands can land in two JVMs.
   */
  @Bean
  CommandLoadFactorProvider commandLoadFactorProvider(Environment environment) {
    return command ->
        environment.getProperty(
            "test.load-factor."
                + command.substring(
                    Math.max(command.lastIndexOf('$'), command.lastIndexOf('.')) + 1),
            Integer.class,
            CommandLoadFactorProvider.DEFAULT_VALUE);
  }

  @Bean
  TestInstance testInstance(@Value("${test.instance}") String name) {
    return new TestInstance(name);
  }

  /** Jackson 2 for Axon, seeing fields, so that records and the aggregate snapshot round-trip. */
  @Bean
  ObjectMapper defaultAxonObjectMapper() {
    return new ObjectMapper()
        .findAndRegisterModules()
        .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /**
   * Starts an instance connected to {@code hub} as {@link HubApplications#TESTER} (every right) and
   * waits until the hub routes to it.
   *
   * @param extraProperties more {@code key=value} settings
   */
  public static ConfigurableApplicationContext start(
      String instance, HubProcess hub, String... extraProperties) {
    return start(instance, hub.address(), hub.token(HubApplications.TESTER), extraProperties);
  }

  /** Starts an instance with this access token and waits until the hub routes to it. */
  public static ConfigurableApplicationContext start(
      String instance, String hubAddress, String token, String... extraProperties) {
    ConfigurableApplicationContext context = launch(instance, hubAddress, token, extraProperties);
    awaitSubscriptions(context, instance);
    return context;
  }

  /**
   * Starts an instance without waiting for the hub: for instances the hub must refuse.
   *
   * @param token the access token, or null for none
   */
  public static ConfigurableApplicationContext launch(
      String instance, String hubAddress, String token, String... extraProperties) {
    List<String> properties = new ArrayList<>();
    properties.add("test.instance=" + instance);
    properties.add("spring.application.name=bank");
    properties.add("axon.axonserver.servers=" + hubAddress);
    if (token != null) {
      properties.add("axon.axonserver.token=" + token);
    }
    properties.add("axon.axonserver.client-id=" + instance);
    properties.add("axon.axonserver.component-name=bank");
    properties.add("axon.serializer.general=jackson");
    properties.add("axon.serializer.events=jackson");
    properties.add("axon.serializer.messages=jackson");
    properties.add("spring.main.banner-mode=off");
    properties.addAll(List.of(extraProperties));
    return new SpringApplicationBuilder(TestApplication.class)
        .web(WebApplicationType.NONE)
        .properties(properties.toArray(String[]::new))
        .run();
  }

  /**
   * Waits until the hub has taken in this instance's command and query handler subscriptions. The
   * connector sends them while the context starts but does not wait for their acknowledgements, so
   * a command sent right after the start could still find no handler. The hub handles a stream's
   * messages in order: a probe subscription sent after them is acknowledged only once they are in.
   */
  private static void awaitSubscriptions(ConfigurableApplicationContext context, String instance) {
    AxonServerConnection connection =
        context.getBean(AxonServerConnectionManager.class).getConnection();
    String probe = "subscription-probe-" + instance;
    try {
      connection
          .commandChannel()
          .registerCommandHandler(command -> new CompletableFuture<>(), 1, probe)
          .awaitAck(30, TimeUnit.SECONDS)
          .cancel()
          .get(30, TimeUnit.SECONDS);
      connection
          .queryChannel()
          .registerQueryHandler(
              (query, reply) -> reply.complete(), new QueryDefinition(probe, probe))
          .awaitAck(30, TimeUnit.SECONDS)
          .cancel()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      context.close();
      throw new IllegalStateException("The hub did not take the subscriptions of " + instance, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
