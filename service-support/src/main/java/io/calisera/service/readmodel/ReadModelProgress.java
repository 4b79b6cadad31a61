package io.calisera.service.readmodel;

import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Pushes the read models' positions to the subscribers of {@link FindReadModelPositionsQuery} (the
 * bff holds one subscription per instance) whenever one moves, so that a change waiting to read its
 * own write learns it without asking: one thread, woken by {@link ProcessorActivity}, reads the
 * positions ({@link ReadModelPositionQueries#current()}, in memory) and emits them when they differ
 * from what it emitted last. Under load one read covers many batches; with nothing to do it sleeps.
 *
 * <p>A new subscription also gets the positions at once (checked every {@link #NEW_SUBSCRIBERS}):
 * the hub asks only one service for a subscription's initial result, so a second service with read
 * models would otherwise stay unknown to the subscriber until one of its positions moved.
 */
public class ReadModelProgress implements SmartLifecycle {

  static final Duration NEW_SUBSCRIBERS = Duration.ofMillis(500);
  private static final Logger LOG = LoggerFactory.getLogger(ReadModelProgress.class);

  private final ReadModelPositionQueries positions;
  private final QueryUpdateEmitter emitter;
  private final ProcessorActivity activity;
  private volatile boolean running;
  private volatile Thread publisher;
  private ReadModelPositions emitted;
  private Set<String> subscribers = Set.of();

  public ReadModelProgress(
      ReadModelPositionQueries positions, QueryUpdateEmitter emitter, ProcessorActivity activity) {
    this.positions = positions;
    this.emitter = emitter;
    this.activity = activity;
  }

  private void publish() {
    while (running) {
      activity.await(NEW_SUBSCRIBERS.toNanos());
      if (!running) {
        return;
      }
      try {
        ReadModelPositions now = positions.current();
        if (!now.equals(emitted) || newSubscribers()) {
          emitted = now;
          emitter.emit(FindReadModelPositionsQuery.class, query -> true, now);
        }
      } catch (RuntimeException e) {
        LOG.warn("Could not publish the read models' positions: {}", e.toString());
      }
    }
  }

  /** Whether a subscription came since the last look. */
  private boolean newSubscribers() {
    Set<String> now = new HashSet<>();
    for (SubscriptionQueryMessage<?, ?, ?> subscription : emitter.activeSubscriptions()) {
      if (subscription.getPayload() instanceof FindReadModelPositionsQuery) {
        now.add(subscription.getIdentifier());
      }
    }
    boolean added = !subscribers.containsAll(now);
    subscribers = now;
    return added;
  }

  @Override
  public void start() {
    running = true;
    Thread thread = new Thread(this::publish, "read-model-progress");
    thread.setDaemon(true);
    publisher = thread;
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    LockSupport.unpark(publisher);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
