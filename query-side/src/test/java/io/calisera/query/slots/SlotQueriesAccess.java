package io.calisera.query.slots;

import io.calisera.query.support.ReadModels;
import java.time.Clock;

/** Builds the slots read model's beans the way Spring wires them. */
public final class SlotQueriesAccess {

  private SlotQueriesAccess() {}

  public static void register(ReadModels readModels, Clock clock) {
    var occupancy = new Occupancy(readModels.mongo());
    var queries = new SlotQueries(readModels.mongo(), occupancy, clock);
    var updates = new SlotUpdates(readModels.emitter(), queries);
    readModels.register(new CalendarProjection(readModels.mongo(), occupancy, updates));
    readModels.register(queries);
  }
}
