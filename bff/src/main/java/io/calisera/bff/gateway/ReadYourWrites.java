package io.calisera.bff.gateway;

import io.calisera.api.audit.FindBookingAuditEventsQuery;
import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.bff.BffProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes (docs/api.md): once a client has the answer to a change, its next read reflects
 * it. After a command succeeded, the event store's last token is at or past the command's events;
 * this waits until every read model has applied everything up to that token, as the services push
 * their positions ({@link ReadModelWatch}: one subscription for the bff, no question per change),
 * and at most {@code calisera.gateway.read-your-writes-wait}: then the change answers anyway and
 * the wait is logged.
 *
 * <p>Except the insights and the audit history: the analytics projector (and the query side's audit
 * read model) works off the booking path, so that heavy analysis (or a projector that is down or
 * rebuilding) never slows a change. Changes do not wait for it; a request for insights waits
 * instead, until the projector has applied everything up to the event store's last token when the
 * request came ({@link #awaitReadModel}): every change answered before then, the client's own
 * included.
 *
 * <p>Without the hub (Axon's local buses in tests) there is nothing to wait for: local handlers
 * have answered before the command returns.
 */
@Component
public class ReadYourWrites {

  private static final Logger LOG = LoggerFactory.getLogger(ReadYourWrites.class);

  private final ObjectProvider<AxonServerConnectionManager> hub;
  private final ReadModelWatch watch;
  private final Duration wait;
  private final Timer timer;
  private final LongAdder waits = new LongAdder();
  private final LongAdder waitedNanos = new LongAdder();
  private final AtomicLong longestNanos = new AtomicLong();
  private final LongAdder gaveUp = new LongAdder();

  public ReadYourWrites(
      ObjectProvider<AxonServerConnectionManager> hub,
      QueryGateway queries,
      BffProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    this.hub = hub;
    this.watch =
        new ReadModelWatch(
            queries,
            "bff",
            Set.of(FindProviderInsightsQuery.READ_MODEL, FindBookingAuditEventsQuery.READ_MODEL));
    this.wait = properties.gateway().readYourWritesWait();
    MeterRegistry registry = meters.getIfAvailable();
    this.timer =
        registry == null
            ? null
            : Timer.builder("calisera.read.your.writes")
                .description("How long changes waited for the read models to reflect them")
                .register(registry);
  }

  /**
   * Returns once every read model that changes wait for reflects the changes made so far, or after
   * the wait.
   */
  public void awaitReadModels() {
    awaitUpToTheLastEvent(null);
  }

  /** Returns once {@code readModel} reflects the changes made so far, or after the wait. */
  public void awaitReadModel(String readModel) {
    awaitUpToTheLastEvent(readModel);
  }

  /**
   * @param readModel the one to wait for, or null: every one that changes wait for
   */
  private void awaitUpToTheLastEvent(String readModel) {
    AxonServerConnectionManager connections = hub.getIfAvailable();
    if (connections == null) {
      return;
    }
    long started = System.nanoTime();
    try {
      long target =
          connections
              .getConnection()
              .eventChannel()
              .getLastToken()
              .get(wait.toNanos(), TimeUnit.NANOSECONDS);
      Duration left = wait.minusNanos(System.nanoTime() - started);
      boolean reached =
          readModel == null ? watch.await(target, left) : watch.await(readModel, target, left);
      if (!reached) {
        gaveUp.increment();
        LOG.warn(
            "The read models {} reached position {} of {} within {}; answering anyway",
            readModel == null ? "that changes wait for" : readModel,
            readModel == null ? watch.lowest() : watch.position(readModel),
            target,
            wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      gaveUp.increment();
      LOG.warn("Could not learn how far the event store is; answering anyway: {}", e.toString());
    } finally {
      record(System.nanoTime() - started);
    }
  }

  /** Watches once the connector is up: a subscription made earlier may wait for it forever. */
  @EventListener(ApplicationReadyEvent.class)
  public void watch() {
    if (hub.getIfAvailable() != null) {
      watch.start();
    }
  }

  @PreDestroy
  public void stopWatching() {
    watch.stop();
  }

  private void record(long nanos) {
    waits.increment();
    waitedNanos.add(nanos);
    longestNanos.accumulateAndGet(nanos, Math::max);
    if (timer != null) {
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** What the waits cost so far (also the Micrometer timer {@code calisera.read.your.writes}). */
  public Stats stats() {
    long count = waits.sum();
    return new Stats(
        count,
        count == 0 ? Duration.ZERO : Duration.ofNanos(waitedNanos.sum() / count),
        Duration.ofNanos(longestNanos.get()),
        gaveUp.sum());
  }

  /**
   * @param waits changes that waited
   * @param mean their mean wait
   * @param longest the longest wait
   * @param gaveUp waits that ended before the read models had caught up
   */
  public record Stats(long waits, Duration mean, Duration longest, long gaveUp) {}
}
