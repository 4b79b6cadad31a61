package io.calisera.command.provider;

import static io.calisera.command.provider.Calendars.COLOURING;
import static io.calisera.command.provider.Calendars.CUSTOMER;
import static io.calisera.command.provider.Calendars.HAIRCUT;
import static io.calisera.command.provider.Calendars.NOW;
import static io.calisera.command.provider.Calendars.aColouring;
import static io.calisera.command.provider.Calendars.aHaircut;
import static io.calisera.command.provider.Calendars.aProviderCreated;
import static io.calisera.command.provider.Calendars.berlin;
import static io.calisera.command.provider.Calendars.cancelled;
import static io.calisera.command.provider.Calendars.colouringPlaced;
import static io.calisera.command.provider.Calendars.haircutPlaced;
import static io.calisera.command.provider.Calendars.openWeekdaysNineToFive;
import static io.calisera.command.provider.Calendars.serviceAdded;
import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.common.MessageSerialization;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import java.nio.charset.StandardCharsets;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * A busy provider is loaded from a snapshot: Axon writes the aggregate with the api's mapper and
 * must read back the very same state (docs/stack.md, setting 1: private fields need the mapper's
 * field visibility).
 */
class ProviderSnapshotTest {

  private final JacksonSerializer serializer =
      JacksonSerializer.builder().objectMapper(MessageSerialization.objectMapper()).build();

  private static Provider aProviderWithServicesAndBookings() {
    Provider provider = new Provider();
    provider.on(aProviderCreated());
    provider.on(openWeekdaysNineToFive());
    provider.on(serviceAdded(HAIRCUT, aHaircut()));
    provider.on(serviceAdded(COLOURING, aColouring()));
    provider.on(haircutPlaced("b1", berlin("2026-06-02T10:00")));
    provider.on(colouringPlaced("b2", berlin("2026-06-03T10:00")));
    provider.on(cancelled("b1", CUSTOMER, NOW));
    provider.on(new ServiceDeactivatedEvent(Calendars.PROVIDER, COLOURING, "owner-1", NOW));
    return provider;
  }

  @Test
  void aSnapshotReadsBackIntoTheSameState() {
    Provider provider = aProviderWithServicesAndBookings();

    SerializedObject<byte[]> snapshot = serializer.serialize(provider, byte[].class);
    Provider restored = serializer.deserialize(snapshot);

    assertThat(restored).usingRecursiveComparison().isEqualTo(provider);
    assertThat(serializer.serialize(restored, byte[].class).getData())
        .isEqualTo(snapshot.getData());
  }

  @Test
  void aSnapshotHoldsDecisionStateOnly() {
    String json =
        new String(
            serializer.serialize(aProviderWithServicesAndBookings(), byte[].class).getData(),
            StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"providerId\"", "\"bookings\"", "\"services\"", "\"weekly\"")
        .doesNotContain("Salon Anna", "Bo Chen", "bo@example.com", "45.00", "\"live\"");
  }

  @Test
  void theStateForgetsBookingsThirtyDaysAfterTheirEnd() {
    Provider provider = aProviderWithServicesAndBookings();
    // b1 ended on 2 June at 11:00, b2 on 3 June at 11:30; an event a month later
    provider.on(
        new ServiceDeactivatedEvent(
            Calendars.PROVIDER, HAIRCUT, "owner-1", berlin("2026-07-02T11:30")));

    String json =
        new String(serializer.serialize(provider, byte[].class).getData(), StandardCharsets.UTF_8);

    assertThat(json).doesNotContain("\"b1\"").contains("\"b2\"");
  }
}
