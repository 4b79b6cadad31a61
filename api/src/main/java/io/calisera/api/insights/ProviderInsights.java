package io.calisera.api.insights;

import io.calisera.api.common.Require;
import java.time.ZoneId;

/**
 * The answer to {@link FindProviderInsightsQuery}: the figures of the asked range and of the range
 * of equal length just before it, by local dates of the provider's zone.
 *
 * @param timeZone the provider's zone, whose local dates and hours the figures go by
 */
public record ProviderInsights(
    String providerId, ZoneId timeZone, InsightFigures current, InsightFigures previous) {

  public ProviderInsights {
    Require.notNull(providerId, "providerId");
    Require.notNull(timeZone, "timeZone");
    Require.notNull(current, "current");
    Require.notNull(previous, "previous");
  }
}
