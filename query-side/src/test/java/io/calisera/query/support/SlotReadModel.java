package io.calisera.query.support;

import io.calisera.query.slots.SlotQueriesAccess;
import java.time.Clock;

/** The slots read model with its query handler and update publisher, at a fixed {@code now}. */
public final class SlotReadModel {

  private SlotReadModel() {}

  public static ReadModels with(Clock clock) {
    ReadModels readModels = new ReadModels();
    SlotQueriesAccess.register(readModels, clock);
    return readModels;
  }
}
