package io.calisera.analytics.rebuild;

import io.calisera.analytics.config.AnalyticsProperties;
import io.calisera.analytics.facts.AnalyticsProjection;
import io.calisera.analytics.facts.FactsTables;
import io.calisera.api.insights.FindInsightsRebuildQuery;
import io.calisera.api.insights.InsightsRebuild;
import io.calisera.api.insights.InsightsRebuild.State;
import io.calisera.api.insights.RebuildInsightsQuery;
import io.calisera.service.readmodel.ReadModels;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the insights from the whole history while the current figures keep answering (decision
 * 0009): the processor stops, and in one transaction the next generation becomes the one events are
 * applied to ({@code generations.building}), with the position the processor had ({@code
 * building_until}), and its token goes back to the first event; it starts again and replays into
 * the next generation while queries read the current one, complete as it was. Once the processor's
 * stored position reaches {@code building_until}, one transaction makes the next generation current
 * and deletes the old one's rows; from then on the answers are the rebuilt figures, which the
 * replay has carried on to the events that came meanwhile.
 *
 * <p>A rebuild survives a restart (the generation row and the replay token are stored); this
 * instance then watches it again. One instance per database.
 */
@Component
public class Rebuilds implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(Rebuilds.class);

  private final Configuration axon;
  private final FactsTables facts;
  private final ReadModels readModels;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final long checkMillis;
  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "analytics-rebuild");
            thread.setDaemon(true);
            return thread;
          });
  private ScheduledFuture<?> watching;

  public Rebuilds(
      Configuration axon,
      FactsTables facts,
      ReadModels readModels,
      DataSource dataSource,
      PlatformTransactionManager transactions,
      Clock clock,
      AnalyticsProperties properties) {
    this.axon = axon;
    this.facts = facts;
    this.readModels = readModels;
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(transactions);
    this.clock = clock;
    this.checkMillis = properties.rebuildCheck().toMillis();
  }

  /** Starts a rebuild unless one runs; answers its state. */
  @QueryHandler
  public synchronized InsightsRebuild start(RebuildInsightsQuery query) {
    if (generations().building() == null) {
      StreamingEventProcessor processor = processor();
      processor.shutDown();
      try {
        transactions.executeWithoutResult(
            status -> {
              long until = storedPosition();
              jdbc.sql(
                      "update generations set building = current_generation + 1,"
                          + " building_until = ?, rebuild_started_at = ?,"
                          + " rebuild_finished_at = null where id = 1")
                  .params(until, Timestamp.from(clock.instant()))
                  .update();
              // joins this transaction: the token and the generations change together
              processor.resetTokens();
            });
        LOG.info(
            "Rebuilding the insights from the first event, asked by {}; the current figures"
                + " answer until it reaches position {}",
            query.asker(),
            generations().buildingUntil());
      } finally {
        processor.start();
      }
      watch();
      // the generation the last rebuild replaced: no query reads it any more
      Generations now = generations();
      facts.deleteGenerationsBut(
          now.current(), now.building() == null ? now.current() : now.building());
    }
    return state();
  }

  @QueryHandler
  public InsightsRebuild status(FindInsightsRebuildQuery query) {
    return state();
  }

  /** A rebuild a restart interrupted goes on (the processor replays on its stored token). */
  @EventListener(ApplicationReadyEvent.class)
  public synchronized void resumeWatching() {
    if (generations().building() != null) {
      LOG.info("A rebuild of the insights is under way; watching it again");
      watch();
    }
  }

  @Override
  public void destroy() {
    watcher.shutdownNow();
  }

  private InsightsRebuild state() {
    Generations generations = generations();
    State state =
        generations.building() != null
            ? State.REPLAYING
            : generations.startedAt() != null ? State.CAUGHT_UP : State.IDLE;
    TrackingToken head = axon.getComponent(EventStore.class).createHeadToken();
    return new InsightsRebuild(
        state,
        storedPosition(),
        head == null ? -1 : head.position().orElse(-1),
        generations.startedAt(),
        generations.finishedAt());
  }

  private synchronized void watch() {
    if (watching == null || watching.isDone()) {
      watching =
          watcher.scheduleWithFixedDelay(
              this::takeOverWhenCaughtUp, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** The rebuilt generation takes over once the processor has applied what the old one had. */
  private void takeOverWhenCaughtUp() {
    try {
      Generations generations = generations();
      if (generations.building() == null) {
        watching.cancel(false);
        return;
      }
      if (storedPosition() < generations.buildingUntil()) {
        return;
      }
      int rebuilt = generations.building();
      transactions.executeWithoutResult(
          status ->
              jdbc.sql(
                      "update generations set current_generation = building, building = null,"
                          + " building_until = null, rebuild_finished_at = ?"
                          + " where id = 1 and building = ?")
                  .params(Timestamp.from(clock.instant()), rebuilt)
                  .update());
      LOG.info("The rebuilt insights (generation {}) answer from now on", rebuilt);
      watching.cancel(false);
    } catch (RuntimeException e) {
      LOG.warn("Could not check the rebuild of the insights; trying again", e);
    }
  }

  /** The lowest position over the processor's stored tokens (committed with their batches). */
  private long storedPosition() {
    Map<Integer, TrackingToken> tokens = readModels.storedTokens().of(AnalyticsProjection.GROUP);
    return tokens.values().stream()
        .mapToLong(token -> token == null ? -1 : token.position().orElse(-1))
        .min()
        .orElse(-1);
  }

  private StreamingEventProcessor processor() {
    return axon.eventProcessingConfiguration()
        .eventProcessor(AnalyticsProjection.GROUP, StreamingEventProcessor.class)
        .orElseThrow();
  }

  private record Generations(
      int current, Integer building, Long buildingUntil, Instant startedAt, Instant finishedAt) {}

  private Generations generations() {
    return jdbc.sql(
            "select current_generation, building, building_until, rebuild_started_at,"
                + " rebuild_finished_at"
                + " from generations where id = 1")
        .query(
            (row, n) ->
                new Generations(
                    row.getInt("current_generation"),
                    (Integer) row.getObject("building"),
                    (Long) row.getObject("building_until"),
                    instant(row.getTimestamp("rebuild_started_at")),
                    instant(row.getTimestamp("rebuild_finished_at"))))
        .single();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
