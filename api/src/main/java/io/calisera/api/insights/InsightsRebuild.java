package io.calisera.api.insights;

import io.calisera.api.common.Require;
import java.time.Instant;

/**
 * A rebuild of the insights: while it runs, the insights answer the complete figures they had when
 * it started; once it has reached that position it takes over at once.
 *
 * @param state {@code IDLE} (none since the tables were created), {@code REPLAYING}, {@code
 *     CAUGHT_UP} (the last one has taken over)
 * @param position the global position the rebuild has applied up to while it runs, the analytics'
 *     position otherwise; -1 before the first event
 * @param headPosition the event store's last position, -1 when it holds no event
 * @param startedAt when the last rebuild started, null if none did
 * @param finishedAt when it took over, null while it runs or if none did
 */
public record InsightsRebuild(
    State state, long position, long headPosition, Instant startedAt, Instant finishedAt) {

  public enum State {
    IDLE,
    REPLAYING,
    CAUGHT_UP
  }

  public InsightsRebuild {
    Require.notNull(state, "state");
  }
}
