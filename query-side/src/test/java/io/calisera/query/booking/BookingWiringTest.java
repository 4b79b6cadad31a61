package io.calisera.query.booking;

import static io.calisera.query.support.Events.aBookingPlaced;
import static io.calisera.query.support.Events.aPendingBooking;
import static io.calisera.query.support.Events.cancelled;
import static io.calisera.query.support.Events.completed;
import static io.calisera.query.support.Events.confirmed;
import static io.calisera.query.support.Events.declined;
import static io.calisera.query.support.Events.noShow;
import static io.calisera.query.support.Events.rescheduled;

import io.calisera.query.support.ReadModels;
import io.calisera.query.support.Wiring;
import io.calisera.query.support.Wiring.Case;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookingWiringTest {

  @Test
  void everySubscribedEventChangesTheBookings() {
    var placed =
        aPendingBooking(
            aBookingPlaced(
                "p1", "b1", "s1", Instant.parse("2026-03-04T08:00:00Z"), 60, 0, 0, "c1"));
    Wiring.assertEveryEventChangesTheReadModel(
        () -> {
          var readModels = new ReadModels();
          readModels.register(new BookingProjection(readModels.mongo(), readModels.emitter()));
          return readModels;
        },
        BookingProjection.class,
        List.of(
            Case.of(placed),
            Case.of(confirmed(placed), placed),
            Case.of(declined(placed), placed),
            Case.of(cancelled(placed), placed),
            Case.of(completed(placed), placed),
            Case.of(noShow(placed), placed),
            Case.of(rescheduled(placed, Instant.parse("2026-03-05T08:00:00Z")), placed)));
  }
}
