package io.calisera.query.slots;

import java.time.Instant;

/** {@code [from, until)} in epoch seconds: a live booking with its buffers. */
record OccupiedRange(long from, long until) {

  static OccupiedRange of(
      Instant start, Instant end, int bufferBeforeMinutes, int bufferAfterMinutes) {
    // outwards to whole seconds, as the slot engine rounds: exact for candidates on whole seconds
    long from = start.getEpochSecond() - bufferBeforeMinutes * 60L;
    long until =
        (end.getNano() == 0 ? end.getEpochSecond() : end.getEpochSecond() + 1)
            + bufferAfterMinutes * 60L;
    return new OccupiedRange(from, until);
  }
}
