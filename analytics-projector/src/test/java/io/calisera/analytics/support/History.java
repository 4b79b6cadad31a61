package io.calisera.analytics.support;

import static org.awaitility.Awaitility.await;

import io.calisera.analytics.facts.AnalyticsProjection;
import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.api.insights.ProviderInsights;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * The event history of a test: an in-memory event store the analytics processor reads, events
 * published into it, and the insights asked once the processor has applied them all.
 */
@TestConfiguration(proxyBeanMethods = false)
public class History {

  @Autowired @Lazy private Configuration axon;
  @Autowired @Lazy private QueryGateway queries;

  @Bean
  EventStore eventStore() {
    return EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
  }

  /** Publishes the events, in order. */
  public void publish(Object... events) {
    axon.eventStore()
        .publish(Arrays.stream(events).map(GenericEventMessage::asEventMessage).toList());
  }

  /** Returns once the processor has applied every event published so far. */
  public void awaitProjected() {
    TrackingToken head = axon.eventStore().createHeadToken();
    long target = head == null ? -1 : head.position().orElse(-1);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> position() >= target);
  }

  /** The lowest position over the processor's segments. */
  public long position() {
    return processor().processingStatus().values().stream()
        .mapToLong(status -> status.getCurrentPosition().orElse(-1))
        .min()
        .orElse(-1);
  }

  public StreamingEventProcessor processor() {
    return axon.eventProcessingConfiguration()
        .eventProcessor(AnalyticsProjection.GROUP, StreamingEventProcessor.class)
        .orElseThrow();
  }

  /** Publishes, waits until applied, and asks. */
  public ProviderInsights insights(String providerId, String from, String to) {
    awaitProjected();
    try {
      return queries
          .query(
              new FindProviderInsightsQuery(providerId, LocalDate.parse(from), LocalDate.parse(to)),
              ProviderInsights.class)
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
