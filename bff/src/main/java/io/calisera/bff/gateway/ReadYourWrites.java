package io.calisera.bff.gateway;

import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import io.calisera.bff.config.BffProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
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
import org.springframework.stereotype.Component;

/**
 * Read-your-writes (docs/api.md): once a client has the answer to a change, its next read reflects
 * it. After a command succeeded, the event store's last token is at or past the command's events;
 * this waits until every read model of the query side has applied everything up to that token
 * ({@link FindReadModelPositionsQuery}), polling with short pauses, and at most {@code
 * calisera.gateway.read-your-writes-wait}: then the change answers anyway and the wait is logged.
 * One mechanism for every change and every read, with no knowledge of which read model shows what.
 *
 * <p>Without the hub (Axon's local buses in tests) there is nothing to wait for: local handlers
 * have answered before the command returns.
 */
@Component
public class ReadYourWrites {

  private static final Logger LOG = LoggerFactory.getLogger(ReadYourWrites.class);
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final ObjectProvider<AxonServerConnectionManager> hub;
  private final QueryGateway queries;
  private final long waitNanos;
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
    this.queries = queries;
    this.waitNanos = properties.gateway().readYourWritesWait().toNanos();
    MeterRegistry registry = meters.getIfAvailable();
    this.timer =
        registry == null
            ? null
            : Timer.builder("calisera.read.your.writes")
                .description("How long changes waited for the read models to reflect them")
                .register(registry);
  }

  /** Returns once every read model reflects the changes made so far, or after the wait. */
  public void awaitReadModels() {
    AxonServerConnectionManager connections = hub.getIfAvailable();
    if (connections == null) {
      return;
    }
    long started = System.nanoTime();
    long deadline = started + waitNanos;
    try {
      long target =
          connections
              .getConnection()
              .eventChannel()
              .getLastToken()
              .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
      long pause = FIRST_PAUSE_NANOS;
      long reached;
      int asked = 1;
      while ((reached = lowestPosition(deadline)) < target) {
        asked++;
        if (System.nanoTime() + pause >= deadline) {
          gaveUp.increment();
          LOG.warn(
              "The read models reached position {} of {} within {}; answering anyway",
              reached,
              target,
              Duration.ofNanos(waitNanos));
          return;
        }
        TimeUnit.NANOSECONDS.sleep(pause);
        pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "The read models reached {} after {} µs and {} questions",
            target,
            TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started),
            asked);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      gaveUp.increment();
      LOG.warn("Could not learn how far the read models are; answering anyway: {}", e.toString());
    } finally {
      record(System.nanoTime() - started);
    }
  }

  private long lowestPosition(long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    return queries
        .query(new FindReadModelPositionsQuery("bff"), ReadModelPositions.class)
        .get(remainingMillis(deadline), TimeUnit.MILLISECONDS)
        .lowest();
  }

  private static long remainingMillis(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
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
