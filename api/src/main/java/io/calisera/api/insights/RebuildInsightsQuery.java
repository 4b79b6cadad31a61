package io.calisera.api.insights;

/**
 * Starts a rebuild of the insights from the whole event history (the admin's replay of the {@code
 * analytics} read model), unless one runs already; answered at once with {@link InsightsRebuild},
 * its state then. A query, not a command: the analytics projector answers queries and handles no
 * commands at the hub (decision 0009).
 *
 * <p>A record with a field, not an empty one, so that every JSON mapper reads it back.
 *
 * @param asker who asks (for the projector's log), may be {@code null}
 */
public record RebuildInsightsQuery(String asker) {}
