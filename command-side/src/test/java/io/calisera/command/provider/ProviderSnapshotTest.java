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
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
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

  private static final AggregateModel<Provider> MODEL =
      AnnotatedAggregateMetaModelFactory.inspectAggregate(Provider.class);

  private static Provider aProviderWithServicesAndBookings() {
    Provider provider = new Provider();
    apply(
        provider,
        aProviderCreated(),
        openWeekdaysNineToFive(),
        serviceAdded(HAIRCUT, aHaircut()),
        serviceAdded(COLOURING, aColouring()),
        haircutPlaced("b1", berlin("2026-06-02T10:00")),
        colouringPlaced("b2", berlin("2026-06-03T10:00")),
        cancelled("b1", CUSTOMER, NOW),
        new ServiceDeactivatedEvent(Calendars.PROVIDER, COLOURING, "owner-1", NOW));
    return provider;
  }

  /** Sources the events into the provider as Axon does: its handlers and its members'. */
  private static void apply(Provider provider, Object... events) {
    for (Object event : events) {
      MODEL.publish(GenericEventMessage.asEventMessage(event), provider);
    }
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
    apply(
        provider,
        new ServiceDeactivatedEvent(
            Calendars.PROVIDER, HAIRCUT, "owner-1", berlin("2026-07-02T11:30")));

    String json =
        new String(serializer.serialize(provider, byte[].class).getData(), StandardCharsets.UTF_8);

    assertThat(json).doesNotContain("\"b1\"").contains("\"b2\"");
  }

  @Test
  void onlySnapshotsOfTheCurrentRevisionAreRead() {
    SerializedObject<byte[]> snapshot =
        serializer.serialize(aProviderWithServicesAndBookings(), byte[].class);
    SnapshotFilter filter =
        DefaultConfigurer.defaultConfiguration(false)
            .configureAggregate(Provider.class)
            .buildConfiguration()
            .snapshotFilter();

    assertThat(snapshot.getType().getRevision()).isEqualTo("2");
    assertThat(filter.allow(storedSnapshot("2"))).isTrue();
    assertThat(filter.allow(storedSnapshot(null))).as("written before revision 2").isFalse();
    assertThat(filter.allow(storedSnapshot(""))).as("as the hub returns none").isFalse();
  }

  private static DomainEventData<byte[]> storedSnapshot(String revision) {
    return new GenericDomainEventEntry<>(
        "Provider",
        Calendars.PROVIDER,
        7,
        "snapshot-1",
        NOW,
        Provider.class.getName(),
        revision,
        "{}".getBytes(StandardCharsets.UTF_8),
        "{}".getBytes(StandardCharsets.UTF_8));
  }
}
