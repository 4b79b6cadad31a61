package io.calisera.query.audit;

import io.calisera.api.audit.ActorKind;
import io.calisera.api.audit.AuditEventPage;
import io.calisera.api.audit.BookingAuditEvents;
import io.calisera.api.audit.FindBookingAsOfQuery;
import io.calisera.api.audit.FindBookingAuditEventsQuery;
import io.calisera.api.audit.FindProviderAuditEventsQuery;
import io.calisera.api.booking.BookingEvent;
import io.calisera.api.booking.BookingRecord;
import io.calisera.api.booking.BookingView;
import io.calisera.api.common.MessageSerialization;
import io.calisera.api.common.Role;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.query.audit.AuditIndexes.BookingEvents;
import io.calisera.query.audit.AuditIndexes.ProviderStream;
import io.calisera.query.common.Positions;
import io.calisera.query.config.ProcessingGroups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Revision;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The event history as auditors read it: every event of every provider's stream (the provider, its
 * services, schedule and bookings) with its position, sequence, time, actor, correlation and trace,
 * and its payload ({@link AuditEventDocument}, under its provider and sequence). Reads go by
 * document ids only ({@link AuditIndexes}): a booking lists its events' sequences; a provider's
 * events of a time range are found by binary search over their sequences. So an audit read costs
 * what it answers (and a logarithm), not a read of the whole store or of a long provider stream,
 * and applying an event costs three or four reads and writes of small documents, however long the
 * stream (decision 0012). A booking's state as of an instant is its events up to then, folded by
 * {@link BookingRecord} as the live read model folds them.
 *
 * <p>A provider's events are applied in the order of its stream by one thread (Axon's sequencing by
 * aggregate), so {@link ProviderStream} knows the last one applied, and a redelivered or replayed
 * event up to it changes nothing. The actor comes from the metadata the command side puts on every
 * event ({@code actorId}, {@code actorRoles}, Axon's {@code correlationId} and {@code traceId});
 * its {@link ActorKind} needs the provider's owner, which the provider's first event names.
 */
@Component
@ProcessingGroup(ProcessingGroups.AUDIT)
public class AuditProjection {

  /** The aggregate type of providers' streams, bookings included (decision 0002). */
  static final String PROVIDER_STREAM = "Provider";

  static final String ACTOR_ID = "actorId";
  static final String ACTOR_ROLES = "actorRoles";
  static final String CORRELATION_ID = "correlationId";
  static final String TRACE_ID = "traceId";

  /** A W3C trace id; Axon's own (message ids of the platform's commands) are not. */
  private static final Pattern W3C_TRACE_ID = Pattern.compile("[0-9a-f]{32}");

  private final MongoTemplate mongo;

  public AuditProjection(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @EventHandler
  void on(Object payload, DomainEventMessage<?> event, TrackingToken token) {
    if (!PROVIDER_STREAM.equals(event.getType())) {
      return;
    }
    String providerId = event.getAggregateIdentifier();
    long sequence = event.getSequenceNumber();
    ProviderStream stream = mongo.findById(providerId, ProviderStream.class);
    if (stream != null && sequence <= stream.lastSequence()) {
      return; // applied already: a redelivery or a replay over what is stored
    }
    String owner =
        payload instanceof ProviderCreatedEvent created
            ? created.ownerAccountId()
            : stream == null ? null : stream.ownerAccountId();
    Instant timestamp = event.getTimestamp();
    Instant latest =
        stream == null || stream.latest().isBefore(timestamp) ? timestamp : stream.latest();
    MetaData metaData = event.getMetaData();
    String actorId = text(metaData.get(ACTOR_ID));
    Set<Role> roles = roles(text(metaData.get(ACTOR_ROLES)));
    String traceId = text(metaData.get(TRACE_ID));
    String bookingId = payload instanceof BookingEvent booking ? booking.bookingId() : null;
    mongo.save(
        new AuditEventDocument(
            AuditEventDocument.id(providerId, sequence),
            Positions.of(token),
            sequence,
            providerId,
            bookingId,
            payload.getClass().getSimpleName(),
            payload.getClass().getName(),
            revision(payload.getClass()),
            timestamp,
            latest,
            owner,
            ActorKind.of(actorId, roles, owner).name(),
            actorId,
            roles.stream().map(Enum::name).sorted().toList(),
            text(metaData.get(CORRELATION_ID)),
            traceId != null && W3C_TRACE_ID.matcher(traceId).matches() ? traceId : null,
            MessageSerialization.toJson(payload)));
    if (bookingId != null) {
      // one write instead of a read and a write; the stream's order makes the list ascending, and
      // a redelivered sequence is in the set already
      mongo.upsert(
          Query.query(Criteria.where("_id").is(bookingId)),
          new Update().setOnInsert("providerId", providerId).addToSet("sequences", sequence),
          BookingEvents.class);
    }
    mongo.save(new ProviderStream(providerId, owner, sequence, latest));
  }

  @ResetHandler
  void reset() {
    for (Class<?> type :
        List.of(AuditEventDocument.class, BookingEvents.class, ProviderStream.class)) {
      mongo.remove(new Query(), type);
    }
  }

  @QueryHandler
  public BookingAuditEvents bookingEvents(FindBookingAuditEventsQuery query) {
    return new BookingAuditEvents(
        query.bookingId(),
        bookingDocuments(query.bookingId()).stream().map(AuditEventDocument::entry).toList());
  }

  /** {@code null} when the booking was not placed by then. */
  @QueryHandler
  public BookingView bookingAsOf(FindBookingAsOfQuery query) {
    List<BookingEvent> events =
        bookingDocuments(query.bookingId()).stream()
            .filter(document -> !document.timestamp().isAfter(query.asOf()))
            .map(AuditProjection::bookingEvent)
            .toList();
    return BookingRecord.replay(events).map(BookingRecord::view).orElse(null);
  }

  /**
   * Finds the range's first and last sequence by binary search over the stream's {@code latest}
   * timestamps (some 2 log2(n) reads by id), then reads the page's events by id.
   *
   * @return {@code null} for a provider without events
   */
  @QueryHandler
  public AuditEventPage providerEvents(FindProviderAuditEventsQuery query) {
    ProviderStream stream = mongo.findById(query.providerId(), ProviderStream.class);
    if (stream == null) {
      return null;
    }
    long first = firstAtOrAfter(query.providerId(), stream.lastSequence(), query.from());
    long end = firstAtOrAfter(query.providerId(), stream.lastSequence(), query.to());
    long total = Math.max(0, end - first);
    long pageStart = first + (long) query.page() * query.size();
    List<String> ids = new ArrayList<>();
    for (long sequence = pageStart;
        sequence < Math.min(end, pageStart + query.size());
        sequence++) {
      ids.add(AuditEventDocument.id(query.providerId(), sequence));
    }
    return new AuditEventPage(
        documents(ids).stream().map(AuditEventDocument::entry).toList(),
        query.page(),
        query.size(),
        total);
  }

  /**
   * The first sequence in {@code [0, last + 1]} whose {@code latest} timestamp is at or after
   * {@code instant}; {@code last + 1} when there is none.
   */
  private long firstAtOrAfter(String providerId, long last, Instant instant) {
    long low = 0;
    long high = last + 1;
    while (low < high) {
      long middle = (low + high) >>> 1;
      AuditEventDocument event =
          mongo.findById(AuditEventDocument.id(providerId, middle), AuditEventDocument.class);
      if (event == null || !event.latest().isBefore(instant)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  private List<AuditEventDocument> bookingDocuments(String bookingId) {
    BookingEvents booking = mongo.findById(bookingId, BookingEvents.class);
    return booking == null
        ? List.of()
        : documents(
            booking.sequences().stream()
                .map(sequence -> AuditEventDocument.id(booking.providerId(), sequence))
                .toList());
  }

  /** The events of these ids, in the order of the history. */
  private List<AuditEventDocument> documents(List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return mongo.find(Query.query(Criteria.where("_id").in(ids)), AuditEventDocument.class).stream()
        .sorted(Comparator.comparingLong(AuditEventDocument::globalPosition))
        .toList();
  }

  private static BookingEvent bookingEvent(AuditEventDocument document) {
    try {
      return (BookingEvent)
          MessageSerialization.fromJson(document.payload(), Class.forName(document.payloadType()));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "unknown event type at position " + document.globalPosition(), e);
    }
  }

  private static String revision(Class<?> type) {
    Revision revision = type.getAnnotation(Revision.class);
    return revision == null ? null : revision.value();
  }

  private static String text(Object value) {
    return value == null || value.toString().isEmpty() ? null : value.toString();
  }

  private static Set<Role> roles(String names) {
    if (names == null) {
      return Set.of();
    }
    Set<String> known = Arrays.stream(Role.values()).map(Enum::name).collect(Collectors.toSet());
    return Arrays.stream(names.split(","))
        .map(String::trim)
        .filter(known::contains)
        .map(Role::valueOf)
        .collect(Collectors.toSet());
  }
}
