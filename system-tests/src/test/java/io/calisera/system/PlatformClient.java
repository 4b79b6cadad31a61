package io.calisera.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calisera.api.common.CommandFailures;
import io.calisera.api.common.MessageSerialization;
import io.calisera.testing.HubProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A stock Axon application in the test JVM that only sends: commands and queries through the hub,
 * the way the bff does, and with the bff's token.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class PlatformClient implements AutoCloseable {

  private ConfigurableApplicationContext context;

  @Bean
  ObjectMapper defaultAxonObjectMapper() {
    return MessageSerialization.objectMapper();
  }

  static PlatformClient connect(HubProcess hub) {
    return connect(hub, "bff");
  }

  /** A client with the token of another of the hub's applications. */
  static PlatformClient connect(HubProcess hub, String application) {
    var arguments = new ArrayList<>(hub.connectionArguments(application));
    arguments.addAll(
        List.of(
            "--axon.axonserver.client-id=system-test-client",
            "--axon.axonserver.component-name=system-test",
            "--axon.serializer.general=jackson",
            "--axon.serializer.events=jackson",
            "--axon.serializer.messages=jackson",
            "--spring.main.banner-mode=off"));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(PlatformClient.class)
            .web(WebApplicationType.NONE)
            .run(arguments.toArray(String[]::new));
    PlatformClient client = context.getBean(PlatformClient.class);
    client.context = context;
    return client;
  }

  CommandGateway commands() {
    return context.getBean(CommandGateway.class);
  }

  QueryGateway queries() {
    return context.getBean(QueryGateway.class);
  }

  /** Sends a command and waits, sending it once more when it lost a race (as the bff does). */
  <R> R send(Object command) {
    try {
      return commands().<R>send(command).get(30, TimeUnit.SECONDS);
    } catch (Exception first) {
      if (!CommandFailures.isSequenceConflict(first)) {
        throw new CompletionException(first);
      }
      try {
        return commands().<R>send(command).get(30, TimeUnit.SECONDS);
      } catch (Exception second) {
        throw new CompletionException(second);
      }
    }
  }

  @Override
  public void close() {
    if (context != null) {
      context.close();
    }
  }
}
