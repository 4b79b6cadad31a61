package io.calisera.bff.gateway;

import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import io.calisera.api.readmodel.ReadModelPositions.ReadModelPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read models' positions as the query side pushes them: one subscription to {@link
 * FindReadModelPositionsQuery} for the whole bff, and any number of requests waiting for a position
 * to be reached, each woken once when it is. Nothing is asked per request, so waiting costs the
 * same whatever the number of waiting requests.
 *
 * <p>Positions from several instances are merged per read model by their maximum (each instance
 * reports a lower bound of what is applied). Changes wait for the lowest of the read models other
 * than those read at read time ({@link #ReadModelWatch}); a reader of one of those waits for it
 * alone. A subscription that ends or fails is taken up again after a pause; the positions learnt so
 * far stay valid meanwhile.
 */
final class ReadModelWatch {

  private static final Logger LOG = LoggerFactory.getLogger(ReadModelWatch.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(100);
  private static final Duration LONGEST_RETRY = Duration.ofSeconds(2);

  /** A subscription whose first answer takes longer is made anew. */
  private static final Duration FIRST_ANSWER = Duration.ofSeconds(5);

  /**
   * What the waiters of changes wait for, among the keys of {@link #waiters}: no read model's name.
   */
  private static final String CHANGES = "";

  private final QueryGateway queries;
  private final String subscriber;
  private final Set<String> readAtReadTime;
  // guarded by this
  private final Map<String, Long> byReadModel = new HashMap<>();
  // guarded by this: by what they wait for, CHANGES or one read model
  private final Map<String, PriorityQueue<Waiter>> waiters = new HashMap<>();
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "read-model-watch");
            thread.setDaemon(true);
            return thread;
          });
  private volatile long lowest = ReadModelPositions.NOTHING_APPLIED;
  private volatile boolean watching;
  // guarded by this
  private Duration retry = FIRST_RETRY;
  private SubscriptionQueryResult<ReadModelPositions, ReadModelPositions> subscription;

  private record Waiter(long target, CompletableFuture<Void> reached)
      implements Comparable<Waiter> {
    @Override
    public int compareTo(Waiter other) {
      return Long.compare(target, other.target);
    }
  }

  /**
   * @param readAtReadTime the read models that changes do not wait for: their readers wait instead
   *     ({@link #await(String, long, Duration)})
   */
  ReadModelWatch(QueryGateway queries, String subscriber, Set<String> readAtReadTime) {
    this.queries = queries;
    this.subscriber = subscriber;
    this.readAtReadTime = Set.copyOf(readAtReadTime);
  }

  void start() {
    watching = true;
    retries.execute(this::subscribe);
  }

  void stop() {
    watching = false;
    retries.shutdownNow();
    synchronized (this) {
      if (subscription != null) {
        subscription.cancel();
      }
    }
  }

  /**
   * The position up to which every read model known so far that changes wait for has applied every
   * event.
   */
  long lowest() {
    return lowest;
  }

  /** The position up to which {@code readModel} has applied every event, as far as known. */
  synchronized long position(String readModel) {
    return positionOf(readModel);
  }

  /**
   * Waits until every read model that changes wait for has applied everything up to {@code target},
   * at most {@code timeout}.
   *
   * @return whether it got there in time
   */
  boolean await(long target, Duration timeout) throws InterruptedException {
    return lowest >= target || awaitIn(CHANGES, target, timeout);
  }

  /**
   * Waits until {@code readModel} has applied everything up to {@code target}, at most {@code
   * timeout}.
   *
   * @return whether it got there in time
   */
  boolean await(String readModel, long target, Duration timeout) throws InterruptedException {
    if (readModel.equals(CHANGES)) {
      throw new IllegalArgumentException("A read model has a name");
    }
    return awaitIn(readModel, target, timeout);
  }

  private boolean awaitIn(String scope, long target, Duration timeout) throws InterruptedException {
    Waiter waiter = new Waiter(target, new CompletableFuture<>());
    synchronized (this) {
      if (positionOf(scope) >= target) {
        return true;
      }
      waiters.computeIfAbsent(scope, s -> new PriorityQueue<>()).add(waiter);
    }
    try {
      waiter.reached().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      synchronized (this) {
        waiters.get(scope).remove(waiter);
      }
    }
  }

  // guarded by this
  private long positionOf(String scope) {
    return scope.equals(CHANGES)
        ? lowest
        : byReadModel.getOrDefault(scope, ReadModelPositions.NOTHING_APPLIED);
  }

  /** Takes in one instance's positions and wakes the waiters whose target is reached. */
  void learn(ReadModelPositions positions) {
    List<Waiter> reached = new ArrayList<>();
    synchronized (this) {
      for (ReadModelPosition position : positions.readModels()) {
        byReadModel.merge(position.name(), position.position(), Math::max);
      }
      lowest =
          byReadModel.entrySet().stream()
              .filter(readModel -> !readAtReadTime.contains(readModel.getKey()))
              .mapToLong(Map.Entry::getValue)
              .min()
              .orElse(ReadModelPositions.NOTHING_APPLIED);
      waiters.forEach(
          (scope, queue) -> {
            long position = positionOf(scope);
            while (!queue.isEmpty() && queue.peek().target() <= position) {
              reached.add(queue.poll());
            }
          });
    }
    reached.forEach(waiter -> waiter.reached().complete(null));
  }

  private void subscribe() {
    if (!watching) {
      return;
    }
    try {
      var result =
          queries.subscriptionQuery(
              new FindReadModelPositionsQuery(subscriber),
              ResponseTypes.instanceOf(ReadModelPositions.class),
              ResponseTypes.instanceOf(ReadModelPositions.class));
      synchronized (this) {
        subscription = result;
      }
      result
          .initialResult()
          .timeout(FIRST_ANSWER)
          .subscribe(
              positions -> {
                synchronized (this) {
                  retry = FIRST_RETRY;
                }
                learn(positions);
              },
              failure -> again(result, "its first answer failed: " + failure));
      result
          .updates()
          .subscribe(
              this::learn,
              failure -> again(result, "it failed: " + failure),
              () -> again(result, "it ended"));
    } catch (RuntimeException e) {
      again(null, "it could not be made: " + e);
    }
  }

  /** Subscribes anew after a pause, once per subscription that ended. */
  private void again(
      SubscriptionQueryResult<ReadModelPositions, ReadModelPositions> ended, String why) {
    Duration pause;
    synchronized (this) {
      if (!watching || (ended != null && ended != subscription)) {
        return; // stopping, or that subscription was given up already
      }
      subscription = null;
      pause = retry;
      retry =
          retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0
              ? LONGEST_RETRY
              : retry.multipliedBy(2);
    }
    if (ended != null) {
      ended.cancel();
    }
    LOG.info("Watching the read models' positions again in {} ms: {}", pause.toMillis(), why);
    try {
      retries.schedule(this::subscribe, pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException shuttingDown) {
      // stopped meanwhile
    }
  }
}
