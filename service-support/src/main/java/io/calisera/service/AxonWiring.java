package io.calisera.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * What Axon ended up with in a service, logged at startup, and the wiring every Calisera service
 * must have, enforced then: on Boot 4 a wrong choice (XStream, another mapper, another transaction
 * manager, in-memory tokens, a missing processor) fails silently otherwise (docs/stack.md), and the
 * services could no longer read each other's messages or would lose their read models' positions.
 *
 * <p>The rules: the general, event and message serializers are Jackson 2 on the api's {@code
 * ObjectMapper}; the transaction manager, the processors' too, is the one the service declared in
 * its {@link ExpectedAxonWiring} ({@code NoTransactionManager} unless it runs Axon in its
 * database's transactions); and the event processors are exactly the expected processing groups,
 * each a {@link PooledStreamingEventProcessor} keeping its token in the expected store. {@link
 * AxonServiceAutoConfiguration} declares it in every service; a broken rule stops the service at
 * startup with the list of what is wrong.
 */
public final class AxonWiring implements ApplicationListener<ApplicationStartedEvent> {

  private static final Logger log = LoggerFactory.getLogger(AxonWiring.class);

  private final Configuration axon;
  private final ObjectMapper apiMapper;
  private final ExpectedAxonWiring expected;

  public AxonWiring(Configuration axon, ObjectMapper apiMapper, ExpectedAxonWiring expected) {
    this.axon = axon;
    this.apiMapper = apiMapper;
    this.expected = expected;
  }

  @Override
  public void onApplicationEvent(ApplicationStartedEvent event) {
    describe().forEach((what, chosen) -> log.info("Axon {}: {}", what, chosen));
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Axon is not wired as Calisera needs it: " + problems);
    }
  }

  /**
   * What was chosen, by simple class name: the serializers (with whether they use the api's
   * mapper), transaction manager, buses, and each event processor as "processor {group}" with its
   * token store and transaction manager.
   */
  public Map<String, String> describe() {
    Map<String, String> wiring = new LinkedHashMap<>();
    wiring.put("serializer", serializer(axon.serializer()));
    wiring.put("event serializer", serializer(axon.eventSerializer()));
    wiring.put("message serializer", serializer(axon.messageSerializer()));
    wiring.put("transaction manager", name(axon.getComponent(TransactionManager.class)));
    wiring.put("command bus", name(axon.commandBus()));
    wiring.put("query bus", name(axon.queryBus()));
    wiring.put("event bus", name(axon.eventBus()));
    EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
    processors()
        .forEach(
            (group, processor) ->
                wiring.put(
                    "processor " + group,
                    name(processor)
                        + ", tokens in "
                        + name(processing.tokenStore(group))
                        + ", "
                        + name(processing.transactionManager(group))));
    return wiring;
  }

  /** The broken rules, empty when the wiring is as it must be. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (Serializer serializer :
        List.of(axon.serializer(), axon.eventSerializer(), axon.messageSerializer())) {
      if (!usesApiMapper(serializer)) {
        problems.add("serializers must be Jackson 2 with the api's ObjectMapper");
        break;
      }
    }
    EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
    Map<String, EventProcessor> processors = processors();
    Class<? extends TransactionManager> transactions = expected.transactions().type();
    if (!transactions.isInstance(axon.getComponent(TransactionManager.class))
        || processors.keySet().stream()
            .anyMatch(group -> !transactions.isInstance(processing.transactionManager(group)))) {
      problems.add(
          "the transaction manager must be "
              + transactions.getSimpleName()
              + " as the service declared, also the processors'");
    }
    if (!processors.keySet().equals(expected.processingGroups())) {
      problems.add(
          "the event processors must be exactly "
              + expected.processingGroups().stream().sorted().toList()
              + ", were "
              + processors.keySet().stream().sorted().toList());
    }
    processors.forEach(
        (group, processor) -> {
          if (!(processor instanceof PooledStreamingEventProcessor)) {
            problems.add("processor " + group + " must be a PooledStreamingEventProcessor");
          }
          if (!expected.tokenStore().isInstance(processing.tokenStore(group))) {
            problems.add(
                "processor "
                    + group
                    + " must keep its token in "
                    + expected.tokenStore().getSimpleName());
          }
        });
    return problems;
  }

  /** The event processors by name; none where Axon has no event processing at all. */
  private Map<String, EventProcessor> processors() {
    EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
    return processing == null ? Map.of() : processing.eventProcessors();
  }

  private String serializer(Serializer serializer) {
    return name(serializer)
        + (serializer instanceof JacksonSerializer
            ? (usesApiMapper(serializer) ? " with the api's ObjectMapper" : " with ANOTHER mapper")
            : "");
  }

  private boolean usesApiMapper(Serializer serializer) {
    return serializer instanceof JacksonSerializer jackson
        && jackson.getObjectMapper() == apiMapper;
  }

  private static String name(Object component) {
    return component == null ? "none" : component.getClass().getSimpleName();
  }
}
