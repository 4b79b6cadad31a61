package io.calisera.query.audit;

import static io.calisera.query.support.Events.OWNER;
import static io.calisera.query.support.Events.aBookingPlaced;
import static io.calisera.query.support.Events.aPendingBooking;
import static io.calisera.query.support.Events.aProviderCreated;
import static io.calisera.query.support.Events.cancelled;
import static io.calisera.query.support.Events.declined;
import static io.calisera.query.support.Events.rescheduled;
import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.audit.ActorKind;
import io.calisera.api.audit.AuditEntry;
import io.calisera.api.audit.AuditEventPage;
import io.calisera.api.audit.BookingAuditEvents;
import io.calisera.api.audit.FindBookingAsOfQuery;
import io.calisera.api.audit.FindBookingAuditEventsQuery;
import io.calisera.api.audit.FindProviderAuditEventsQuery;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.common.Role;
import io.calisera.query.support.ReadModels;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit's history: what each event shows (actor and its kind, correlation, trace, payload), a
 * booking's events and its state as of an instant (folded as the live read model folds), a
 * provider's events by time range and page, and that redelivery and reset behave.
 */
class AuditProjectionTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final Instant START = Instant.parse("2026-03-10T09:00:00Z");
  // stored on three days: the provider on 2 March, the bookings on 3 March, the changes on 4 March
  private static final Instant CREATED = Instant.parse("2026-03-02T08:00:00Z");
  private static final Instant PLACED = Instant.parse("2026-03-03T10:00:00.123Z");
  private static final Instant MOVED = Instant.parse("2026-03-04T09:00:00Z");
  private static final Instant CANCELLED = Instant.parse("2026-03-04T11:00:00Z");

  private final ReadModels readModels = new ReadModels();
  private final BookingPlacedEvent carla =
      aBookingPlaced("p1", "b1", "s1", START, 60, 0, 0, "carla");
  private final BookingPlacedEvent guest =
      aPendingBooking(aBookingPlaced("p1", "b2", "s1", START.plusSeconds(7200), 60, 0, 0, null));

  @BeforeEach
  void aProviderWithACustomersAndAGuestsBooking() {
    readModels.register(new AuditProjection(readModels.mongo()));
    long sequence = 0;
    stored(
        sequence++,
        CREATED,
        actor(OWNER, "CUSTOMER,PROVIDER"),
        aProviderCreated("p1", ZoneId.of("Europe/Berlin")));
    stored(sequence++, PLACED, traced(actor("carla", "CUSTOMER"), TRACE), carla);
    stored(sequence++, PLACED.plusSeconds(60), actor("guest", ""), guest);
    stored(
        sequence++,
        MOVED,
        actor(OWNER, "CUSTOMER,PROVIDER"),
        rescheduled(carla, START.plusSeconds(86_400)));
    stored(sequence++, MOVED.plusSeconds(60), actor("system", ""), declined(guest));
    stored(sequence, CANCELLED, actor("admin-1", "ADMIN"), cancelled(carla));
    // not a provider's stream: not in the audit
    readModels.givenStored("Account", "carla", 0, CREATED, Map.of(), "anything");
  }

  @AfterEach
  void close() {
    readModels.close();
  }

  @Test
  void aBookingsEventsCarryTheirActorCorrelationTraceAndPayload() {
    List<AuditEntry> events = bookingEvents("b1");

    assertThat(events)
        .extracting(AuditEntry::type)
        .containsExactly("BookingPlacedEvent", "BookingRescheduledEvent", "BookingCancelledEvent");
    AuditEntry placed = events.get(0);
    assertThat(placed.globalPosition()).isEqualTo(1);
    assertThat(placed.sequence()).isEqualTo(1);
    assertThat(placed.aggregateId()).isEqualTo("p1");
    assertThat(placed.revision()).isEqualTo("2");
    assertThat(placed.timestamp()).isEqualTo(PLACED);
    assertThat(placed.actor())
        .isEqualTo(new AuditEntry.Actor(ActorKind.CUSTOMER, "carla", Set.of(Role.CUSTOMER)));
    assertThat(placed.correlationId()).isEqualTo("command-1");
    assertThat(placed.traceId()).isEqualTo(TRACE);
    assertThat(placed.payload())
        .contains("\"bookingId\":\"b1\"", "\"start\":\"2026-03-10T09:00:00Z\"", "\"by\":\"carla\"");
    assertThat(events.get(1).actor().kind()).isEqualTo(ActorKind.OWNER);
    assertThat(events.get(1).traceId()).as("Axon's own trace id is no W3C trace id").isNull();
    assertThat(events.get(2).actor())
        .isEqualTo(new AuditEntry.Actor(ActorKind.ADMIN, "admin-1", Set.of(Role.ADMIN)));
    assertThat(bookingEvents("b2"))
        .extracting(event -> event.actor().kind())
        .containsExactly(ActorKind.GUEST, ActorKind.SYSTEM);
    assertThat(bookingEvents("unknown")).isEmpty();
  }

  @Test
  void aBookingAsOfAnInstantIsItsEventsUpToThenFolded() {
    assertThat(asOf("b1", PLACED.minusMillis(1))).isNull();

    BookingView placed = asOf("b1", PLACED);
    assertThat(placed.status()).isEqualTo(BookingStatus.CONFIRMED);
    assertThat(placed.start()).isEqualTo(START);
    assertThat(placed.history())
        .extracting(BookingView.HistoryEntry::type)
        .containsExactly("PLACED");

    assertThat(asOf("b1", MOVED.minusMillis(1))).isEqualTo(placed);
    BookingView moved = asOf("b1", MOVED);
    assertThat(moved.start()).isEqualTo(START.plusSeconds(86_400));
    assertThat(moved.status()).isEqualTo(BookingStatus.CONFIRMED);

    assertThat(asOf("b1", CANCELLED.minusMillis(1))).isEqualTo(moved);
    BookingView now = asOf("b1", CANCELLED);
    assertThat(now.status()).isEqualTo(BookingStatus.CANCELLED);
    assertThat(now.history())
        .extracting(BookingView.HistoryEntry::type)
        .containsExactly("PLACED", "RESCHEDULED", "CANCELLED");

    assertThat(asOf("b2", MOVED.plusSeconds(59)).status()).isEqualTo(BookingStatus.PENDING);
    assertThat(asOf("b2", MOVED.plusSeconds(60)).status()).isEqualTo(BookingStatus.DECLINED);
  }

  @Test
  void aProvidersEventsComeByTimeRangeAndPage() {
    AuditEventPage all = providerEvents(CREATED, CANCELLED.plusMillis(1), 0, 100);
    assertThat(all.total()).isEqualTo(6);
    assertThat(all.items())
        .extracting(AuditEntry::globalPosition)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);

    // to excluded, from included, ranges inside days
    AuditEventPage middle = providerEvents(PLACED, CANCELLED, 0, 100);
    assertThat(middle.items())
        .extracting(AuditEntry::globalPosition)
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(middle.total()).isEqualTo(4);

    AuditEventPage second = providerEvents(CREATED, CANCELLED.plusMillis(1), 1, 4);
    assertThat(second.items()).extracting(AuditEntry::globalPosition).containsExactly(4L, 5L);
    assertThat(second.total()).isEqualTo(6);
    assertThat(second.page()).isEqualTo(1);
    assertThat(second.size()).isEqualTo(4);

    AuditEventPage skipsADay = providerEvents(CREATED, CANCELLED.plusMillis(1), 1, 2);
    assertThat(skipsADay.items()).extracting(AuditEntry::globalPosition).containsExactly(2L, 3L);

    assertThat(providerEvents(CANCELLED.plusSeconds(1), CANCELLED.plusSeconds(3600), 0, 10).items())
        .isEmpty();
    assertThat(
            readModels
                .queries()
                .query(
                    new FindProviderAuditEventsQuery("unknown", CREATED, CANCELLED, 0, 10),
                    ResponseTypes.optionalInstanceOf(AuditEventPage.class))
                .join())
        .isEmpty();
  }

  @Test
  void aRedeliveredEventChangesNothingAndAResetForgetsAll() {
    var before = readModels.snapshot();
    readModels.redeliver(
        1, storedMessage(1, PLACED, traced(actor("carla", "CUSTOMER"), TRACE), carla));
    assertThat(readModels.snapshot()).isEqualTo(before);

    readModels.reset();
    assertThat(bookingEvents("b1")).isEmpty();
  }

  private void stored(long sequence, Instant at, Map<String, String> metaData, Object event) {
    readModels.givenStored("Provider", "p1", sequence, at, metaData, event);
  }

  private static DomainEventMessage<?> storedMessage(
      long sequence, Instant at, Map<String, String> metaData, Object event) {
    return new GenericDomainEventMessage<>(
        "Provider", "p1", sequence, new GenericMessage<>(event, MetaData.from(metaData)), () -> at);
  }

  private static Map<String, String> actor(String accountId, String roles) {
    return Map.of(
        "actorId",
        accountId,
        "actorRoles",
        roles,
        "correlationId",
        "command-1",
        "traceId",
        "c0ffee");
  }

  private static Map<String, String> traced(Map<String, String> metaData, String traceId) {
    var all = new HashMap<>(metaData);
    all.put("traceId", traceId);
    return all;
  }

  private List<AuditEntry> bookingEvents(String bookingId) {
    return readModels
        .queries()
        .query(new FindBookingAuditEventsQuery(bookingId), BookingAuditEvents.class)
        .join()
        .events();
  }

  private BookingView asOf(String bookingId, Instant at) {
    return readModels
        .queries()
        .query(
            new FindBookingAsOfQuery(bookingId, at),
            ResponseTypes.optionalInstanceOf(BookingView.class))
        .join()
        .orElse(null);
  }

  private AuditEventPage providerEvents(Instant from, Instant to, int page, int size) {
    return readModels
        .queries()
        .query(new FindProviderAuditEventsQuery("p1", from, to, page, size), AuditEventPage.class)
        .join();
  }
}
