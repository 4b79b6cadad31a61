package io.calisera.query.slots;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What one booking occupies (epoch seconds, buffers included, {@code [from, until)}) and whether it
 * still does; the slots read model's memory of where to take a booking's range away from.
 */
@Document(BookedTime.COLLECTION)
record BookedTime(
    @Id String bookingId, String providerId, long from, long until, boolean live, long position) {

  static final String COLLECTION = "booked_times";

  OccupiedRange range() {
    return new OccupiedRange(from, until);
  }
}
