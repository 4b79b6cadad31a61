package io.calisera.service;

import io.axoniq.axonserver.connector.AxonServerConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Holds a service's start until the hub answers, so that a service started before the hub waits for
 * it instead of exiting.
 *
 * <p>Without it a service started before the hub failed as soon as Axon started its event
 * processors: a processor's first start (no token stored yet) asks the event store for its initial
 * token, Axon tries that 30 times 100 ms apart and then fails the start, which stops the
 * application (query-side, four processors, exited about 12 s after it began starting them). The
 * connector itself reconnects patiently, so this waits for its connection before anything else
 * starts: first of all lifecycles, before Axon's and the web server's, so that {@code
 * /actuator/health} does not answer (not ready) while it waits, and the service then starts as if
 * the hub had been there all along.
 *
 * <p>The start-up thread waits without a time limit: Spring interrupts a start-up thread that waits
 * that way when the process is asked to stop, and this then gives up the start.
 */
final class HubWait implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HubWait.class);

  static final long POLL_MILLIS = 200;
  static final int POLLS_BETWEEN_LOG_LINES = 25; // 5 s

  private final AxonServerConnectionManager connections;
  private final String servers;
  private volatile boolean running;

  HubWait(AxonServerConnectionManager connections, String servers) {
    this.connections = connections;
    this.servers = servers;
  }

  @Override
  public void start() {
    AxonServerConnection connection = connections.getConnection();
    if (!connection.isConnected()) {
      awaitConnected(connection);
    }
    running = true;
  }

  private void awaitConnected(AxonServerConnection connection) {
    log.info("Waiting for the hub at {}: this service starts when it answers", servers);
    CompletableFuture<Void> connected = new CompletableFuture<>();
    AtomicInteger polls = new AtomicInteger();
    ScheduledExecutorService poller =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "hub-wait");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            if (connection.isConnected()) {
              connected.complete(null);
            } else if (polls.incrementAndGet() % POLLS_BETWEEN_LOG_LINES == 0) {
              log.info(
                  "Waiting for the hub at {} ({} s so far) ...", servers, seconds(polls.get()));
            }
          } catch (RuntimeException e) {
            connected.completeExceptionally(e); // a failed poll would never run again
          }
        },
        POLL_MILLIS,
        POLL_MILLIS,
        TimeUnit.MILLISECONDS);
    try {
      connected.get();
    } catch (InterruptedException stopping) {
      // The process is stopping: giving up the start is the answer to the interrupt, so the flag
      // is not set again (the start's clean-up on this thread would fail on it).
      log.info("Stopped while waiting for the hub at {}", servers);
      throw new IllegalStateException("Stopped while waiting for the hub at " + servers);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      poller.shutdownNow();
    }
    log.info("The hub at {} answered after {} s; starting", servers, seconds(polls.get()));
  }

  private static long seconds(int polls) {
    return polls * POLL_MILLIS / 1000;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** First of all: nothing of the service (Axon, the web server) starts before the hub answers. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE;
  }
}
