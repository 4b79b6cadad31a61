package io.calisera.api.readmodel;

import io.calisera.api.common.Require;
import java.util.List;

/**
 * The answer to {@link FindReadModelPositionsQuery}: for every read model of the answering service,
 * the global position (tracking token) of the event store up to which it has applied every event,
 * those it has nothing to do for included.
 */
public record ReadModelPositions(List<ReadModelPosition> readModels) {

  /** Before a read model has seen any event. */
  public static final long NOTHING_APPLIED = -1;

  public ReadModelPositions {
    readModels = Require.noNullElements(readModels, "readModels");
  }

  /**
   * The position every read model has reached; {@link #NOTHING_APPLIED} when one has seen nothing
   * yet, or when there are no read models at all (then nothing can be promised).
   */
  public long lowest() {
    return readModels.stream().mapToLong(ReadModelPosition::position).min().orElse(NOTHING_APPLIED);
  }

  /**
   * @param name the read model (its processing group)
   * @param position the global position it has applied everything up to, or {@link
   *     #NOTHING_APPLIED}
   */
  public record ReadModelPosition(String name, long position) {
    public ReadModelPosition {
      Require.text(name, "name", 200);
    }
  }
}
