package io.calisera.benchmarks;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * A stock {@link TrackingEventProcessor} (one thread, one segment, in-memory token store) reading
 * from the first event with a handler that only counts, timed until it has seen the wanted number.
 */
final class CatchUp {

  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private CatchUp() {}

  /** Events per second until the processor has handled {@code events} events. */
  static double trackingProcessor(
      String name,
      StreamableMessageSource<TrackedEventMessage<?>> source,
      long events,
      int batchSize)
      throws InterruptedException {
    var seen = new AtomicLong();
    var done = new CountDownLatch(1);
    var finished = new AtomicLong();
    EventMessageHandler counter =
        new EventMessageHandler() {
          @Override
          public Object handle(EventMessage<?> event) {
            if (seen.incrementAndGet() == events) {
              finished.set(System.nanoTime());
              done.countDown();
            }
            return null;
          }
        };
    var processor =
        TrackingEventProcessor.builder()
            .name(name)
            .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(counter).build())
            .messageSource(source)
            .tokenStore(new InMemoryTokenStore())
            .transactionManager(NoTransactionManager.INSTANCE)
            .trackingEventProcessorConfiguration(
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                    .andBatchSize(batchSize)
                    .andInitialTrackingToken(StreamableMessageSource::createTailToken))
            .build();
    long start = System.nanoTime();
    processor.start();
    try {
      if (!done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            name + " saw only " + seen.get() + " of " + events + " events in " + TIMEOUT);
      }
    } finally {
      processor.shutDown();
    }
    return events * 1e9 / (finished.get() - start);
  }
}
