package io.calisera.query.slots;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ProviderProfileUpdatedEvent;
import io.calisera.api.provider.ScheduleReplacedEvent;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.query.common.Positions;
import io.calisera.query.common.ScheduleDocument;
import io.calisera.query.common.ServiceDocument;
import io.calisera.query.config.ProcessingGroups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The slots read model: each provider's calendar (zone, schedule, services), the occupancy of its
 * live bookings by month, and per booking what it occupies.
 *
 * <p>One event may touch several documents, without a transaction. Each document keeps the position
 * of the last event applied to it, and the booking's own {@link BookedTime} is written last: an
 * event interrupted half-way is applied again in full on redelivery, and the documents that saw it
 * already skip it.
 */
@Component
@ProcessingGroup(ProcessingGroups.SLOTS)
public class CalendarProjection {

  private final MongoTemplate mongo;
  private final Occupancy occupancy;
  private final SlotUpdates updates;

  public CalendarProjection(MongoTemplate mongo, Occupancy occupancy, SlotUpdates updates) {
    this.mongo = mongo;
    this.occupancy = occupancy;
    this.updates = updates;
  }

  @EventHandler
  void on(ProviderCreatedEvent event, TrackingToken token, ReplayStatus replay) {
    long position = Positions.of(token);
    CalendarDocument current = mongo.findById(event.providerId(), CalendarDocument.class);
    if (current != null && !Positions.isNew(position, current.position())) {
      return;
    }
    mongo.save(
        new CalendarDocument(
            event.providerId(),
            event.timeZone().getId(),
            List.of(),
            ScheduleDocument.EMPTY,
            position));
    announce(replay, SlotUpdates.Change.everywhere(event.providerId(), null));
  }

  /** A changed zone reinterprets the weekly hours; bookings keep their instants. */
  @EventHandler
  void on(ProviderProfileUpdatedEvent event, TrackingToken token, ReplayStatus replay) {
    calendar(
        event.providerId(),
        token,
        replay,
        null,
        current ->
            current.with(
                event.timeZone().getId(),
                current.services(),
                current.schedule(),
                Positions.of(token)));
  }

  @EventHandler
  void on(ServiceAddedEvent event, TrackingToken token, ReplayStatus replay) {
    calendar(
        event.providerId(),
        token,
        replay,
        event.serviceId(),
        current -> {
          List<ServiceDocument> services = new ArrayList<>(current.services());
          services.removeIf(service -> service.serviceId().equals(event.serviceId()));
          services.add(ServiceDocument.of(event.serviceId(), event.definition(), true));
          return current.with(
              current.timeZone(), services, current.schedule(), Positions.of(token));
        });
  }

  @EventHandler
  void on(ServiceChangedEvent event, TrackingToken token, ReplayStatus replay) {
    calendar(
        event.providerId(),
        token,
        replay,
        event.serviceId(),
        current ->
            current.with(
                current.timeZone(),
                replace(
                    current.services(),
                    event.serviceId(),
                    service ->
                        ServiceDocument.of(
                            event.serviceId(), event.definition(), service.active())),
                current.schedule(),
                Positions.of(token)));
  }

  @EventHandler
  void on(ServiceDeactivatedEvent event, TrackingToken token, ReplayStatus replay) {
    calendar(
        event.providerId(),
        token,
        replay,
        event.serviceId(),
        current ->
            current.with(
                current.timeZone(),
                replace(current.services(), event.serviceId(), ServiceDocument::deactivated),
                current.schedule(),
                Positions.of(token)));
  }

  @EventHandler
  void on(ScheduleReplacedEvent event, TrackingToken token, ReplayStatus replay) {
    calendar(
        event.providerId(),
        token,
        replay,
        null,
        current ->
            current.with(
                current.timeZone(),
                current.services(),
                ScheduleDocument.of(event.weekly(), event.overrides()),
                Positions.of(token)));
  }

  @EventHandler
  void on(BookingPlacedEvent event, TrackingToken token, ReplayStatus replay) {
    long position = Positions.of(token);
    BookedTime current = mongo.findById(event.bookingId(), BookedTime.class);
    if (current != null && !Positions.isNew(position, current.position())) {
      return;
    }
    OccupiedRange range =
        OccupiedRange.of(
            event.start(), event.end(), event.bufferBeforeMinutes(), event.bufferAfterMinutes());
    boolean live = event.status().isLive();
    if (live) {
      occupancy.apply(event.providerId(), List.of(new Occupancy.Change(range, true)), position);
    }
    mongo.save(
        new BookedTime(
            event.bookingId(), event.providerId(), range.from(), range.until(), live, position));
    announce(replay, change(event.providerId(), range));
  }

  @EventHandler
  void on(BookingCancelledEvent event, TrackingToken token, ReplayStatus replay) {
    release(event.bookingId(), token, replay);
  }

  @EventHandler
  void on(BookingDeclinedEvent event, TrackingToken token, ReplayStatus replay) {
    release(event.bookingId(), token, replay);
  }

  @EventHandler
  void on(BookingCompletedEvent event, TrackingToken token, ReplayStatus replay) {
    release(event.bookingId(), token, replay);
  }

  @EventHandler
  void on(BookingMarkedNoShowEvent event, TrackingToken token, ReplayStatus replay) {
    release(event.bookingId(), token, replay);
  }

  @EventHandler
  void on(BookingRescheduledEvent event, TrackingToken token, ReplayStatus replay) {
    long position = Positions.of(token);
    BookedTime current = mongo.findById(event.bookingId(), BookedTime.class);
    if (current == null || !Positions.isNew(position, current.position())) {
      return;
    }
    OccupiedRange moved =
        OccupiedRange.of(
            event.start(), event.end(), event.bufferBeforeMinutes(), event.bufferAfterMinutes());
    if (current.live()) {
      occupancy.apply(
          current.providerId(),
          List.of(new Occupancy.Change(current.range(), false), new Occupancy.Change(moved, true)),
          position);
    }
    mongo.save(
        new BookedTime(
            current.bookingId(),
            current.providerId(),
            moved.from(),
            moved.until(),
            current.live(),
            position));
    if (current.live()) {
      announce(replay, change(current.providerId(), current.range()));
      announce(replay, change(current.providerId(), moved));
    }
  }

  @ResetHandler
  void reset() {
    mongo.remove(new Query(), CalendarDocument.class);
    mongo.remove(new Query(), BookedTime.class);
    occupancy.clear();
  }

  private void release(String bookingId, TrackingToken token, ReplayStatus replay) {
    long position = Positions.of(token);
    BookedTime current = mongo.findById(bookingId, BookedTime.class);
    if (current == null || !current.live() || !Positions.isNew(position, current.position())) {
      return;
    }
    occupancy.apply(
        current.providerId(), List.of(new Occupancy.Change(current.range(), false)), position);
    mongo.save(
        new BookedTime(
            current.bookingId(),
            current.providerId(),
            current.from(),
            current.until(),
            false,
            position));
    announce(replay, change(current.providerId(), current.range()));
  }

  private void calendar(
      String providerId,
      TrackingToken token,
      ReplayStatus replay,
      String serviceId,
      UnaryOperator<CalendarDocument> change) {
    CalendarDocument current = mongo.findById(providerId, CalendarDocument.class);
    if (current == null || !Positions.isNew(Positions.of(token), current.position())) {
      return;
    }
    mongo.save(change.apply(current));
    announce(replay, SlotUpdates.Change.everywhere(providerId, serviceId));
  }

  private void announce(ReplayStatus replay, SlotUpdates.Change change) {
    if (!replay.isReplay()) {
      updates.changed(change);
    }
  }

  private static SlotUpdates.Change change(String providerId, OccupiedRange range) {
    return new SlotUpdates.Change(
        providerId,
        null,
        Instant.ofEpochSecond(range.from()),
        Instant.ofEpochSecond(range.until()));
  }

  private static List<ServiceDocument> replace(
      List<ServiceDocument> services, String serviceId, UnaryOperator<ServiceDocument> change) {
    return services.stream()
        .map(service -> service.serviceId().equals(serviceId) ? change.apply(service) : service)
        .toList();
  }
}
