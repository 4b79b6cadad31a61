package io.calisera.service;

import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Lets a service's streaming event processors read on within a second of the hub coming back.
 *
 * <p>A streaming processor whose event stream fails waits before it tries again, doubling the wait
 * after each failure up to 60 s (Axon 4.13's {@code Coordinator}; no setting changes it). While the
 * hub is away for half a minute the waits grow to 16 or 32 s, so read models stayed behind for up
 * to another minute after the hub was back (measured: a 60 s wait scheduled just before the hub
 * answered again). This watches the connection to the hub, and when it is back after having been
 * lost it restarts every streaming processor that is waiting after a failure: the new coordinator
 * claims its segments and opens its stream at once. Processors without a failure are left alone,
 * and a processor that fails for another reason keeps Axon's waits.
 */
public final class ProcessorRestarts implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ProcessorRestarts.class);

  static final long POLL_MILLIS = 200;

  private final BooleanSupplier hubConnected;
  private final Supplier<Collection<EventProcessor>> processors;
  private ScheduledExecutorService poller;
  private boolean wasConnected = true;

  ProcessorRestarts(BooleanSupplier hubConnected, Supplier<Collection<EventProcessor>> processors) {
    this.hubConnected = hubConnected;
    this.processors = processors;
  }

  /** Watches the hub connection of {@code connections} for the processors of {@code processing}. */
  public static ProcessorRestarts of(
      AxonServerConnectionManager connections, EventProcessingConfiguration processing) {
    return new ProcessorRestarts(
        () -> connections.getConnection().isConnected(),
        () -> processing.eventProcessors().values());
  }

  /** One look at the connection; restarts the waiting processors when it came back. */
  void check() {
    boolean connected = hubConnected.getAsBoolean();
    if (connected && !wasConnected) {
      for (EventProcessor processor : processors.get()) {
        if (processor instanceof StreamingEventProcessor streaming && streaming.isError()) {
          log.info(
              "The hub is back: restarting event processor {}, which waits after a failure",
              processor.getName());
          streaming.shutdownAsync().thenRun(streaming::start);
        }
      }
    }
    wasConnected = connected;
  }

  @Override
  public synchronized void start() {
    poller =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "processor-restarts");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            check();
          } catch (RuntimeException e) {
            log.warn("Could not look at the hub connection: {}", e.toString());
          }
        },
        POLL_MILLIS,
        POLL_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return poller != null;
  }

  /** Stops before Axon's processors do, so that it never restarts one that is shutting down. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
