package io.calisera.bff.testing;

import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.api.insights.InsightFigures;
import io.calisera.api.insights.ProviderInsights;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryHandler;

/**
 * A narrow stand-in for the analytics projector: it answers the insights of the providers a test
 * gave figures for (a function of the asked range), and refuses others as the projector does.
 */
public class FakeInsights {

  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<FindProviderInsightsQuery> asked =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private record Answer(ZoneId zone, Function<FindProviderInsightsQuery, InsightFigures> figures) {}

  /** The figures of {@code providerId}'s ranges, in {@code zone}. */
  public void answer(
      String providerId, ZoneId zone, Function<FindProviderInsightsQuery, InsightFigures> figures) {
    answers.put(providerId, new Answer(zone, figures));
  }

  @QueryHandler
  public ProviderInsights insights(FindProviderInsightsQuery query) {
    asked.add(query);
    Answer answer = answers.get(query.providerId());
    if (answer == null) {
      String message = "There is no provider " + query.providerId();
      throw new QueryExecutionException(message, null, new Refusal(RefusalCode.NOT_FOUND, message));
    }
    return new ProviderInsights(
        query.providerId(),
        answer.zone(),
        answer.figures().apply(query),
        answer.figures().apply(query.previous()));
  }

  public List<FindProviderInsightsQuery> asked() {
    return List.copyOf(asked);
  }
}
