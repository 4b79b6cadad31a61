package io.calisera.command.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs which transaction manager, event store, serializers and event processors Axon ended up with:
 * on Boot 4 a wrong choice fails silently (stack.md), and nothing else tells.
 */
@Component
class AxonWiringReport {

  private static final Logger LOG = LoggerFactory.getLogger(AxonWiringReport.class);

  private final Configuration axon;
  private final ObjectMapper apiMapper;

  AxonWiringReport(
      Configuration axon, @Qualifier("defaultAxonObjectMapper") ObjectMapper apiMapper) {
    this.axon = axon;
    this.apiMapper = apiMapper;
  }

  @EventListener(ApplicationReadyEvent.class)
  void log() {
    describe().forEach((what, chosen) -> LOG.info("Axon {}: {}", what, chosen));
  }

  /** What was chosen, by name. */
  Map<String, String> describe() {
    Map<String, String> wiring = new LinkedHashMap<>();
    wiring.put("transaction manager", name(axon.getComponent(TransactionManager.class)));
    wiring.put("event store", name(axon.eventStore()));
    wiring.put("command bus", name(axon.commandBus()));
    wiring.put("serializer", serializer(axon.serializer()));
    wiring.put("event serializer", serializer(axon.eventSerializer()));
    wiring.put("message serializer", serializer(axon.messageSerializer()));
    wiring.put("token store", name(axon.getComponent(TokenStore.class)));
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
