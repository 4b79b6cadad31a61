package io.calisera.analytics.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calisera.analytics.rebuild.Rebuilds;
import io.calisera.analytics.support.AnalyticsTest;
import io.calisera.analytics.support.History;
import io.calisera.analytics.support.KnownHistory;
import io.calisera.analytics.support.Tables;
import io.calisera.api.insights.FindInsightsRebuildQuery;
import io.calisera.api.insights.InsightsRebuild;
import io.calisera.api.insights.ProviderInsights;
import io.calisera.api.insights.RebuildInsightsQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The same events twice change nothing, and a rebuild from the whole history after wiping the
 * tables, or into the next generation while the current one answers, gives the same rows and
 * figures.
 */
@AnalyticsTest
class ReplayTest {

  @Autowired History history;
  @Autowired DataSource dataSource;
  @Autowired FactsTables facts;
  @Autowired TransactionManager transactions;
  @Autowired Rebuilds rebuilds;

  @Test
  void theSameEventsAppliedTwiceChangeNothing() throws Exception {
    KnownHistory known = new KnownHistory();
    List<TrackedEventMessage<?>> events = new ArrayList<>();
    long position = 1_000_000;
    for (Object event : known.events()) {
      events.add(
          new GenericTrackedEventMessage<>(
              new GlobalSequenceTrackingToken(position++),
              (EventMessage<?>) GenericEventMessage.asEventMessage(event)));
    }
    var projection = new AnnotationEventHandlerAdapter(new AnalyticsProjection(facts));
    Tables tables = new Tables(dataSource);

    // first in batches of 5, then all at once, then one by one
    for (int from = 0; from < events.size(); from += 5) {
      apply(projection, events.subList(from, Math.min(events.size(), from + 5)));
    }
    List<String> once = tables.of(known.providerId, true);
    apply(projection, events);
    for (TrackedEventMessage<?> event : events) {
      apply(projection, List.of(event));
    }

    // 1 provider, 2 schedules, 4 services, 10 bookings
    assertThat(once).hasSize(17);
    assertThat(tables.of(known.providerId, true)).containsExactlyElementsOf(once);
  }

  @Test
  void aRebuildFromTheWholeHistoryGivesTheSameTablesAndFigures() {
    KnownHistory known = new KnownHistory();
    history.publish(known.events().toArray());
    ProviderInsights before = history.insights(known.providerId, "2026-03-23", "2026-04-05");
    Tables tables = new Tables(dataSource);
    List<String> rows = tables.of(known.providerId, true);

    history.processor().shutDown();
    history.processor().resetTokens();
    history.processor().start();

    assertThat(history.insights(known.providerId, "2026-03-23", "2026-04-05")).isEqualTo(before);
    assertThat(tables.of(known.providerId, true)).containsExactlyElementsOf(rows);
  }

  @Test
  void aRebuildFillsTheNextGenerationWhileTheCurrentOneAnswersThenTakesOver() {
    KnownHistory known = new KnownHistory();
    history.publish(known.events().toArray());
    ProviderInsights before = history.insights(known.providerId, "2026-03-23", "2026-04-05");
    Tables tables = new Tables(dataSource);
    List<String> rows = withoutGeneration(tables.of(known.providerId, true));
    int generation = facts.currentGeneration();

    InsightsRebuild started = rebuilds.start(new RebuildInsightsQuery("test"));
    assertThat(started.state()).isEqualTo(InsightsRebuild.State.REPLAYING);
    assertThat(history.insights(known.providerId, "2026-03-23", "2026-04-05")).isEqualTo(before);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                rebuilds.status(new FindInsightsRebuildQuery("test")).state()
                    == InsightsRebuild.State.CAUGHT_UP);

    assertThat(facts.currentGeneration()).isEqualTo(generation + 1);
    assertThat(history.insights(known.providerId, "2026-03-23", "2026-04-05")).isEqualTo(before);
    String rebuilt = " generation=" + (generation + 1) + " ";
    assertThat(
            withoutGeneration(
                tables.of(known.providerId, true).stream()
                    .filter(row -> row.contains(rebuilt))
                    .toList()))
        .containsExactlyElementsOf(rows);

    // the next rebuild deletes the replaced generation's rows
    rebuilds.start(new RebuildInsightsQuery("test"));
    assertThat(tables.of(known.providerId, true)).noneMatch(row -> row.contains(old(generation)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                rebuilds.status(new FindInsightsRebuildQuery("test")).state()
                    == InsightsRebuild.State.CAUGHT_UP);
  }

  private static String old(int generation) {
    return " generation=" + generation + " ";
  }

  private static List<String> withoutGeneration(List<String> rows) {
    return rows.stream().map(row -> row.replaceFirst(" generation=\\d+", "")).toList();
  }

  @Test
  void providersInterleavedInOneBatchGetTheRowsEachGetsAlone() throws Exception {
    var projection = new AnnotationEventHandlerAdapter(new AnalyticsProjection(facts));
    Tables tables = new Tables(dataSource);
    KnownHistory alone = new KnownHistory();
    List<TrackedEventMessage<?>> aloneEvents = tracked(alone.events(), 2_000_000);
    for (TrackedEventMessage<?> event : aloneEvents) {
      apply(projection, List.of(event));
    }
    List<String> expected = rowsOf(tables, alone);

    // two providers' histories, event by event in turn, as one batch: the days of both are
    // written by the same statements
    KnownHistory first = new KnownHistory();
    KnownHistory second = new KnownHistory();
    List<Object> interleaved = new ArrayList<>();
    List<Object> a = first.events();
    List<Object> b = second.events();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i < a.size()) {
        interleaved.add(a.get(i));
      }
      if (i < b.size()) {
        interleaved.add(b.get(i));
      }
    }
    apply(projection, tracked(interleaved, 3_000_000));

    assertThat(expected).hasSize(17);
    assertThat(rowsOf(tables, first)).containsExactlyElementsOf(expected);
    assertThat(rowsOf(tables, second)).containsExactlyElementsOf(expected);
  }

  /** A provider's rows without positions, its id (in every id of its history) as "P". */
  private static List<String> rowsOf(Tables tables, KnownHistory history) {
    return tables.of(history.providerId, false).stream()
        .map(row -> row.replace(history.providerId, "P"))
        .toList();
  }

  private static List<TrackedEventMessage<?>> tracked(List<Object> events, long first) {
    List<TrackedEventMessage<?>> tracked = new ArrayList<>();
    long position = first;
    for (Object event : events) {
      tracked.add(
          new GenericTrackedEventMessage<>(
              new GlobalSequenceTrackingToken(position++),
              (EventMessage<?>) GenericEventMessage.asEventMessage(event)));
    }
    return tracked;
  }

  private void apply(AnnotationEventHandlerAdapter projection, List<TrackedEventMessage<?>> batch)
      throws Exception {
    var unitOfWork = new BatchingUnitOfWork<>(batch);
    unitOfWork.attachTransaction(transactions);
    unitOfWork.executeWithResult(
        () -> {
          projection.handle(unitOfWork.getMessage());
          return null;
        });
    if (unitOfWork.getExecutionResult() != null
        && unitOfWork.getExecutionResult().isExceptionResult()) {
      throw new IllegalStateException(unitOfWork.getExecutionResult().getExceptionResult());
    }
  }
}
