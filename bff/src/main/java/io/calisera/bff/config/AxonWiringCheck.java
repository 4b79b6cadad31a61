package io.calisera.bff.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs the serializers, transaction manager and buses Axon ended up with, and refuses to start with
 * serializers other than Jackson 2 on the api's mapper: a wrong choice fails silently otherwise
 * (the command side could not read what the bff sends).
 */
@Component
public class AxonWiringCheck {

  private static final Logger LOG = LoggerFactory.getLogger(AxonWiringCheck.class);

  private final Configuration axon;
  private final ObjectMapper apiMapper;

  AxonWiringCheck(
      Configuration axon, @Qualifier("defaultAxonObjectMapper") ObjectMapper apiMapper) {
    this.axon = axon;
    this.apiMapper = apiMapper;
  }

  @EventListener(ApplicationStartedEvent.class)
  void check() {
    Map<String, String> wiring = describe();
    wiring.forEach((what, chosen) -> LOG.info("Axon {}: {}", what, chosen));
    List<String> problems = new ArrayList<>();
    for (Serializer serializer :
        List.of(axon.serializer(), axon.eventSerializer(), axon.messageSerializer())) {
      if (!(serializer instanceof JacksonSerializer jackson)
          || jackson.getObjectMapper() != apiMapper) {
        problems.add("serializers must be Jackson 2 with the api's ObjectMapper");
        break;
      }
    }
    if (!(axon.getComponent(TransactionManager.class) instanceof NoTransactionManager)) {
      problems.add("the transaction manager must be NoTransactionManager");
    }
    if (!axon.eventProcessingConfiguration().eventProcessors().isEmpty()) {
      problems.add("the bff runs no event processors");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Axon is not wired as intended: " + problems);
    }
  }

  /** What was chosen, by name. */
  public Map<String, String> describe() {
    Map<String, String> wiring = new LinkedHashMap<>();
    wiring.put("serializer", serializer(axon.serializer()));
    wiring.put("event serializer", serializer(axon.eventSerializer()));
    wiring.put("message serializer", serializer(axon.messageSerializer()));
    wiring.put("transaction manager", name(axon.getComponent(TransactionManager.class)));
    wiring.put("command bus", name(axon.commandBus()));
    wiring.put("query bus", name(axon.queryBus()));
    wiring.put(
        "event processors",
        axon.eventProcessingConfiguration().eventProcessors().keySet().toString());
    return wiring;
  }

  private String serializer(Serializer serializer) {
    if (serializer instanceof JacksonSerializer jackson) {
      return name(serializer)
          + (jackson.getObjectMapper() == apiMapper
              ? " with the api's ObjectMapper"
              : " with ANOTHER ObjectMapper");
    }
    return name(serializer);
  }

  private static String name(Object component) {
    return component == null ? "none" : component.getClass().getName();
  }
}
