package io.calisera.query.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs which token store, serializers and transaction manager Axon really uses, and refuses to run
 * with others: on Boot 4 a wrong choice (in-memory tokens, XStream) fails silently otherwise.
 */
@Component
public class AxonSetupCheck {

  private static final Logger log = LoggerFactory.getLogger(AxonSetupCheck.class);

  /** What Axon uses, by simple class name; the processors' too, by processing group. */
  public record AxonSetup(
      String generalSerializer,
      String eventSerializer,
      String messageSerializer,
      boolean serializersUseTheApiMapper,
      String transactionManager,
      Map<String, String> processors,
      Map<String, String> tokenStores,
      Map<String, String> processorTransactionManagers) {}

  private final Configuration axon;
  private final ObjectMapper axonMapper;
  private volatile AxonSetup setup;

  public AxonSetupCheck(
      Configuration axon, @Qualifier("defaultAxonObjectMapper") ObjectMapper axonMapper) {
    this.axon = axon;
    this.axonMapper = axonMapper;
  }

  @EventListener(ApplicationStartedEvent.class)
  public void check() {
    AxonSetup found = inspect();
    log.info(
        "Axon setup: serializers general={} events={} messages={} (api mapper: {}), transaction"
            + " manager={}, processors={}, token stores={}",
        found.generalSerializer(),
        found.eventSerializer(),
        found.messageSerializer(),
        found.serializersUseTheApiMapper(),
        found.transactionManager(),
        found.processors(),
        found.tokenStores());
    List<String> problems = problems(found);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Axon is not wired as intended: " + problems);
    }
    setup = found;
  }

  public AxonSetup setup() {
    return setup == null ? inspect() : setup;
  }

  private AxonSetup inspect() {
    EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
    Map<String, String> processors = new LinkedHashMap<>();
    Map<String, String> tokenStores = new LinkedHashMap<>();
    Map<String, String> transactionManagers = new LinkedHashMap<>();
    for (String group : ProcessingGroups.ALL) {
      processors.put(
          group,
          processing
              .eventProcessor(group)
              .map(EventProcessor::getClass)
              .map(Class::getSimpleName)
              .orElse("none"));
      tokenStores.put(group, name(processing.tokenStore(group)));
      transactionManagers.put(group, name(processing.transactionManager(group)));
    }
    return new AxonSetup(
        name(axon.serializer()),
        name(axon.eventSerializer()),
        name(axon.messageSerializer()),
        usesApiMapper(axon.serializer())
            && usesApiMapper(axon.eventSerializer())
            && usesApiMapper(axon.messageSerializer()),
        name(axon.getComponent(TransactionManager.class)),
        processors,
        tokenStores,
        transactionManagers);
  }

  private boolean usesApiMapper(Serializer serializer) {
    return serializer instanceof JacksonSerializer jackson
        && jackson.getObjectMapper() == axonMapper;
  }

  private static List<String> problems(AxonSetup setup) {
    List<String> problems = new ArrayList<>();
    String jackson = JacksonSerializer.class.getSimpleName();
    if (!setup.generalSerializer().equals(jackson)
        || !setup.eventSerializer().equals(jackson)
        || !setup.messageSerializer().equals(jackson)
        || !setup.serializersUseTheApiMapper()) {
      problems.add("serializers must be Jackson 2 with the api's mapper");
    }
    String noTransactions = NoTransactionManager.class.getSimpleName();
    if (!setup.transactionManager().equals(noTransactions)
        || setup.processorTransactionManagers().values().stream()
            .anyMatch(tm -> !tm.equals(noTransactions))) {
      problems.add("transaction manager must be " + noTransactions);
    }
    if (setup.tokenStores().values().stream()
        .anyMatch(store -> !store.equals(MongoTokenStore.class.getSimpleName()))) {
      problems.add(
          "every processor must keep its token in " + MongoTokenStore.class.getSimpleName());
    }
    if (setup.processors().values().stream()
        .anyMatch(p -> !p.equals(PooledStreamingEventProcessor.class.getSimpleName()))) {
      problems.add("every read model needs its pooled streaming processor");
    }
    return problems;
  }

  private static String name(Object component) {
    return component == null ? "none" : component.getClass().getSimpleName();
  }
}
