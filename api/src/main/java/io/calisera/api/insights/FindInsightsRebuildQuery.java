package io.calisera.api.insights;

/**
 * Where a rebuild of the insights stands; answered with {@link InsightsRebuild}.
 *
 * <p>A record with a field, not an empty one, so that every JSON mapper reads it back.
 *
 * @param asker who asks (for logs only), may be {@code null}
 */
public record FindInsightsRebuildQuery(String asker) {}
