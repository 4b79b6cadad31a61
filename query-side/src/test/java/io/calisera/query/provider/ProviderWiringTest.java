package io.calisera.query.provider;

import static io.calisera.query.support.Events.aProviderCreated;
import static io.calisera.query.support.Events.aServiceAdded;
import static io.calisera.query.support.Events.aZoneChange;
import static io.calisera.query.support.Events.openWeekdaysNineToFive;

import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.query.support.Events;
import io.calisera.query.support.ReadModels;
import io.calisera.query.support.Wiring;
import io.calisera.query.support.Wiring.Case;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderWiringTest {

  @Test
  void everySubscribedEventChangesTheDirectory() {
    var created = aProviderCreated("p1", ZoneId.of("Europe/Berlin"));
    var added = aServiceAdded("p1", "s1", SlotSettings.withDefaults(30));
    Wiring.assertEveryEventChangesTheReadModel(
        () -> {
          var readModels = new ReadModels();
          readModels.register(new ProviderProjection(readModels.mongo()));
          return readModels;
        },
        ProviderProjection.class,
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
            Case.of(openWeekdaysNineToFive("p1"), created)));
  }
}
