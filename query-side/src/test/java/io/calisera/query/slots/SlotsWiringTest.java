package io.calisera.query.slots;

import static io.calisera.query.support.Events.aBookingPlaced;
import static io.calisera.query.support.Events.aProviderCreated;
import static io.calisera.query.support.Events.aServiceAdded;
import static io.calisera.query.support.Events.aZoneChange;
import static io.calisera.query.support.Events.cancelled;
import static io.calisera.query.support.Events.completed;
import static io.calisera.query.support.Events.declined;
import static io.calisera.query.support.Events.noShow;
import static io.calisera.query.support.Events.openWeekdaysNineToFive;
import static io.calisera.query.support.Events.rescheduled;

import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.query.support.Events;
import io.calisera.query.support.SlotReadModel;
import io.calisera.query.support.Wiring;
import io.calisera.query.support.Wiring.Case;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BookingConfirmedEvent is not among them: a confirmed booking occupies what it did pending. */
class SlotsWiringTest {

  @Test
  void everySubscribedEventChangesTheSlotsReadModel() {
    var created = aProviderCreated("p1", ZoneId.of("Europe/Berlin"));
    var added = aServiceAdded("p1", "s1", SlotSettings.withDefaults(60));
    var placed =
        aBookingPlaced("p1", "b1", "s1", Instant.parse("2026-03-04T08:00:00Z"), 60, 0, 0, "c1");
    Wiring.assertEveryEventChangesTheReadModel(
        () -> SlotReadModel.with(Clock.fixed(Events.AT, ZoneOffset.UTC)),
        CalendarProjection.class,
        List.of(
            Case.of(created),
            Case.of(aZoneChange(created, ZoneId.of("Asia/Tokyo")), created),
            Case.of(added, created),
            Case.of(
                new ServiceChangedEvent(
                    "p1",
                    "s1",
                    new ServiceDefinition(
                        "Other", SlotSettings.withDefaults(45), null, 0, false, null),
                    Events.OWNER,
                    Events.AT),
                created,
                added),
            Case.of(
                new ServiceDeactivatedEvent("p1", "s1", Events.OWNER, Events.AT), created, added),
            Case.of(openWeekdaysNineToFive("p1"), created),
            Case.of(placed, created, added),
            Case.of(cancelled(placed), created, added, placed),
            Case.of(declined(placed), created, added, placed),
            Case.of(completed(placed), created, added, placed),
            Case.of(noShow(placed), created, added, placed),
            Case.of(
                rescheduled(placed, Instant.parse("2026-03-05T08:00:00Z")),
                created,
                added,
                placed)));
  }
}
