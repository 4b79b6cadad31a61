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
import io.calisera.query.audit.AuditIndexes.DayCount;
import io.calisera.query.audit.AuditIndexes.Entry;
import io.calisera.query.audit.AuditIndexes.ProviderDay;
import io.calisera.query.audit.AuditIndexes.ProviderDays;
import io.calisera.query.common.Positions;
import io.calisera.query.config.ProcessingGroups;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.springframework.stereotype.Component;

/**
 * The event history as auditors read it: every event of every provider's stream (the provider, its
 * services, schedule and bookings) with its position, sequence, time, actor, correlation and trace,
 * and its payload ({@link AuditEventDocument}, under its global position). Reads go by document ids
 * only ({@link AuditIndexes}: a booking's positions; a provider's days and each day's positions),
 * so that an audit read costs what it answers, not a read of the whole store or of a long provider
 * stream (decision 0012). A booking's state as of an instant is its events up to then, folded by
 * {@link BookingRecord} as the live read model folds them.
 *
 * <p>Redelivered or replayed events change nothing: each document is keyed by the event's position,
 * and the lists add a position only once. The actor comes from the metadata the command side puts
 * on every event ({@code actorId}, {@code actorRoles}, Axon's {@code correlationId} and {@code
 * traceId}); its {@link ActorKind} needs the provider's owner, which the provider's first event
 * names. A provider's events are applied in order by one thread (Axon's sequencing by aggregate),
 * so reading and rewriting its lists is safe.
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
    long position = Positions.of(token);
    String providerId = event.getAggregateIdentifier();
    ProviderDays provider = mongo.findById(providerId, ProviderDays.class);
    String owner =
        payload instanceof ProviderCreatedEvent created
            ? created.ownerAccountId()
            : provider == null ? null : provider.ownerAccountId();
    MetaData metaData = event.getMetaData();
    String actorId = text(metaData.get(ACTOR_ID));
    Set<Role> roles = roles(text(metaData.get(ACTOR_ROLES)));
    String traceId = text(metaData.get(TRACE_ID));
    Instant timestamp = event.getTimestamp();
    String bookingId = payload instanceof BookingEvent booking ? booking.bookingId() : null;
    mongo.save(
        new AuditEventDocument(
            position,
            event.getSequenceNumber(),
            providerId,
            bookingId,
            payload.getClass().getSimpleName(),
            payload.getClass().getName(),
            revision(payload.getClass()),
            timestamp,
            ActorKind.of(actorId, roles, owner).name(),
            actorId,
            roles.stream().map(Enum::name).sorted().toList(),
            text(metaData.get(CORRELATION_ID)),
            traceId != null && W3C_TRACE_ID.matcher(traceId).matches() ? traceId : null,
            MessageSerialization.toJson(payload)));
    if (bookingId != null) {
      BookingEvents booking = mongo.findById(bookingId, BookingEvents.class);
      List<Long> positions = booking == null ? List.of() : booking.positions();
      if (!positions.contains(position)) {
        mongo.save(new BookingEvents(bookingId, added(positions, position)));
      }
    }
    String day = LocalDate.ofInstant(timestamp, ZoneOffset.UTC).toString();
    String dayId = ProviderDay.id(providerId, day);
    ProviderDay stored = mongo.findById(dayId, ProviderDay.class);
    List<Entry> entries = new ArrayList<>(stored == null ? List.of() : stored.entries());
    if (entries.stream().noneMatch(entry -> entry.position() == position)) {
      entries.add(new Entry(position, timestamp));
      entries.sort(Comparator.comparingLong(Entry::position));
      mongo.save(new ProviderDay(dayId, entries));
    }
    List<DayCount> days =
        new ArrayList<>(provider == null ? List.of() : provider.days())
            .stream().filter(count -> !count.day().equals(day)).collect(Collectors.toList());
    days.add(new DayCount(day, entries.size()));
    days.sort(Comparator.comparing(DayCount::day));
    mongo.save(new ProviderDays(providerId, owner, days));
  }

  @ResetHandler
  void reset() {
    for (Class<?> type :
        List.of(
            AuditEventDocument.class, BookingEvents.class, ProviderDays.class, ProviderDay.class)) {
      mongo.remove(new Query(), type);
    }
  }

  @QueryHandler
  public BookingAuditEvents bookingEvents(FindBookingAuditEventsQuery query) {
    return new BookingAuditEvents(
        query.bookingId(),
        bookingDocuments(query.bookingId()).stream().map(AuditEventDocument::event).toList());
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
   * Reads the provider's list of days, the days at the range's edges (to count what of them lies
   * inside) and the days the page spans, then the page's events.
   *
   * @return {@code null} for a provider without events
   */
  @QueryHandler
  public AuditEventPage providerEvents(FindProviderAuditEventsQuery query) {
    ProviderDays provider = mongo.findById(query.providerId(), ProviderDays.class);
    if (provider == null) {
      return null;
    }
    String firstDay = LocalDate.ofInstant(query.from(), ZoneOffset.UTC).toString();
    String lastDay = LocalDate.ofInstant(query.to(), ZoneOffset.UTC).toString();
    List<DayCount> days =
        provider.days().stream()
            .filter(count -> count.day().compareTo(firstDay) >= 0)
            .filter(count -> count.day().compareTo(lastDay) <= 0)
            .toList();
    long skip = (long) query.page() * query.size();
    long total = 0;
    List<Long> page = new ArrayList<>();
    for (DayCount count : days) {
      boolean edge = count.day().equals(firstDay) || count.day().equals(lastDay);
      boolean needed = edge || (page.size() < query.size() && total + count.count() > skip);
      if (!needed) {
        total += count.count();
        continue;
      }
      ProviderDay day =
          mongo.findById(ProviderDay.id(query.providerId(), count.day()), ProviderDay.class);
      for (Entry entry : day == null ? List.<Entry>of() : day.entries()) {
        if (entry.timestamp().isBefore(query.from()) || !entry.timestamp().isBefore(query.to())) {
          continue;
        }
        if (total >= skip && page.size() < query.size()) {
          page.add(entry.position());
        }
        total++;
      }
    }
    return new AuditEventPage(
        documents(page).stream().map(AuditEventDocument::event).toList(),
        query.page(),
        query.size(),
        total);
  }

  private List<AuditEventDocument> bookingDocuments(String bookingId) {
    BookingEvents booking = mongo.findById(bookingId, BookingEvents.class);
    return booking == null ? List.of() : documents(booking.positions());
  }

  /** The events at these positions, by their ids, in order. */
  private List<AuditEventDocument> documents(List<Long> positions) {
    if (positions.isEmpty()) {
      return List.of();
    }
    return mongo
        .find(Query.query(Criteria.where("_id").in(positions)), AuditEventDocument.class)
        .stream()
        .sorted(Comparator.comparingLong(AuditEventDocument::globalPosition))
        .toList();
  }

  private static List<Long> added(List<Long> positions, long position) {
    List<Long> all = new ArrayList<>(positions);
    all.add(position);
    all.sort(Comparator.naturalOrder());
    return all;
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
