package io.calisera.query.admin;

import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import io.calisera.query.config.ProcessorActivity;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Pushes the read models' positions to the subscribers of {@link FindReadModelPositionsQuery} (the
 * bff holds one subscription per instance) whenever one moves, so that a change waiting to read its
 * own write learns it without asking: one thread, woken by {@link ProcessorActivity}, reads the
 * positions ({@link ReadModelPositionQueries#current()}, in memory) and emits them when they differ
 * from what it emitted last. Under load one read covers many batches; with nothing to do it sleeps.
 */
@Component
public class ReadModelProgress implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ReadModelProgress.class);

  private final ReadModelPositionQueries positions;
  private final QueryUpdateEmitter emitter;
  private final ProcessorActivity activity;
  private volatile boolean running;
  private volatile Thread publisher;
  private ReadModelPositions emitted;

  public ReadModelProgress(
      ReadModelPositionQueries positions, QueryUpdateEmitter emitter, ProcessorActivity activity) {
    this.positions = positions;
    this.emitter = emitter;
    this.activity = activity;
  }

  private void publish() {
    while (running) {
      activity.await();
      if (!running) {
        return;
      }
      try {
        ReadModelPositions now = positions.current();
        if (!now.equals(emitted)) {
          emitted = now;
          emitter.emit(FindReadModelPositionsQuery.class, query -> true, now);
        }
      } catch (RuntimeException e) {
        LOG.warn("Could not publish the read models' positions: {}", e.toString());
      }
    }
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
