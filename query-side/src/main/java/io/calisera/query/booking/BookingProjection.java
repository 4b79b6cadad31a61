package io.calisera.query.booking;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingConfirmedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.booking.FindCustomerBookingsQuery;
import io.calisera.api.booking.FindProviderBookingsQuery;
import io.calisera.query.common.Positions;
import io.calisera.query.config.ProcessingGroups;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Bookings with their history, for {@link FindBookingQuery} (also as a subscription query: each
 * change of a booking is pushed, so that a client can wait for its own write), the provider's
 * agenda and the customer's own bookings.
 */
@Component
@ProcessingGroup(ProcessingGroups.BOOKINGS)
public class BookingProjection implements SmartInitializingSingleton {

  private final MongoTemplate mongo;
  private final QueryUpdateEmitter emitter;

  public BookingProjection(MongoTemplate mongo, QueryUpdateEmitter emitter) {
    this.mongo = mongo;
    this.emitter = emitter;
  }

  @Override
  public void afterSingletonsInstantiated() {
    var indexes = mongo.indexOps(BookingDocument.class);
    indexes.createIndex(
        new Index("providerId", Sort.Direction.ASC).on("start", Sort.Direction.ASC));
    indexes.createIndex(
        new Index("customerAccountId", Sort.Direction.ASC).on("start", Sort.Direction.DESC));
    indexes.createIndex(new Index("status", Sort.Direction.ASC).on("start", Sort.Direction.ASC));
  }

  @EventHandler
  void on(BookingPlacedEvent event, TrackingToken token, ReplayStatus replay) {
    long position = Positions.of(token);
    BookingDocument current = mongo.findById(event.bookingId(), BookingDocument.class);
    if (current != null && !Positions.isNew(position, current.position())) {
      return;
    }
    var placed =
        new BookingDocument(
            event.bookingId(),
            event.providerId(),
            event.serviceId(),
            event.status(),
            event.start(),
            event.end(),
            event.bufferBeforeMinutes(),
            event.bufferAfterMinutes(),
            event.cancellationNoticeMinutes(),
            BookingDocument.CustomerDocument.of(event.customer()),
            event.customerAccountId(),
            event.notes(),
            event.at().toString(),
            List.of(
                new BookingDocument.HistoryDocument(event.at().toString(), "PLACED", event.by())),
            position);
    mongo.save(placed);
    announce(placed, replay);
  }

  @EventHandler
  void on(BookingConfirmedEvent event, TrackingToken token, ReplayStatus replay) {
    change(
        event.bookingId(),
        token,
        replay,
        (booking) ->
            booking.withStatus(
                BookingStatus.CONFIRMED, "CONFIRMED", event.by(), event.at(), Positions.of(token)));
  }

  @EventHandler
  void on(BookingDeclinedEvent event, TrackingToken token, ReplayStatus replay) {
    change(
        event.bookingId(),
        token,
        replay,
        booking ->
            booking.withStatus(
                BookingStatus.DECLINED, "DECLINED", event.by(), event.at(), Positions.of(token)));
  }

  @EventHandler
  void on(BookingCancelledEvent event, TrackingToken token, ReplayStatus replay) {
    change(
        event.bookingId(),
        token,
        replay,
        booking ->
            booking.withStatus(
                BookingStatus.CANCELLED, "CANCELLED", event.by(), event.at(), Positions.of(token)));
  }

  @EventHandler
  void on(BookingCompletedEvent event, TrackingToken token, ReplayStatus replay) {
    change(
        event.bookingId(),
        token,
        replay,
        booking ->
            booking.withStatus(
                BookingStatus.COMPLETED, "COMPLETED", event.by(), event.at(), Positions.of(token)));
  }

  @EventHandler
  void on(BookingMarkedNoShowEvent event, TrackingToken token, ReplayStatus replay) {
    change(
        event.bookingId(),
        token,
        replay,
        booking ->
            booking.withStatus(
                BookingStatus.NO_SHOW, "NO_SHOW", event.by(), event.at(), Positions.of(token)));
  }

  @EventHandler
  void on(BookingRescheduledEvent event, TrackingToken token, ReplayStatus replay) {
    change(
        event.bookingId(),
        token,
        replay,
        booking ->
            booking.changed(
                booking.status(),
                event.start(),
                event.end(),
                event.bufferBeforeMinutes(),
                event.bufferAfterMinutes(),
                "RESCHEDULED",
                event.by(),
                event.at(),
                Positions.of(token)));
  }

  @ResetHandler
  void reset() {
    mongo.remove(new Query(), BookingDocument.class);
  }

  /**
   * Answers {@code Optional<BookingView>} to a sender asking with {@code optionalInstanceOf}: the
   * nullable value travels, not an {@code Optional}, which the message serializer cannot write (and
   * which Axon unwraps for plain queries but not for the initial result of a subscription query).
   */
  @QueryHandler
  public BookingView find(FindBookingQuery query) {
    return Optional.ofNullable(mongo.findById(query.bookingId(), BookingDocument.class))
        .map(BookingDocument::view)
        .orElse(null);
  }

  /** The agenda, earliest first. */
  @QueryHandler
  public BookingPage providerBookings(FindProviderBookingsQuery query) {
    return page(
        Criteria.where("providerId").is(query.providerId()),
        query.from(),
        query.to(),
        query.status(),
        Sort.by(Sort.Order.asc("start"), Sort.Order.asc("_id")),
        query.page(),
        query.size());
  }

  /** A customer's own bookings, the latest start first. */
  @QueryHandler
  public BookingPage customerBookings(FindCustomerBookingsQuery query) {
    return page(
        Criteria.where("customerAccountId").is(query.customerAccountId()),
        query.from(),
        query.to(),
        query.status(),
        Sort.by(Sort.Order.desc("start"), Sort.Order.asc("_id")),
        query.page(),
        query.size());
  }

  private BookingPage page(
      Criteria owner,
      Instant from,
      Instant to,
      BookingStatus status,
      Sort order,
      int page,
      int size) {
    Criteria filter = owner;
    if (from != null || to != null) {
      Criteria start = Criteria.where("start");
      if (from != null) {
        start = start.gte(from);
      }
      if (to != null) {
        start = start.lt(to);
      }
      filter = new Criteria().andOperator(owner, start);
    }
    if (status != null) {
      filter = new Criteria().andOperator(filter, Criteria.where("status").is(status));
    }
    Query query = new Query(filter);
    long total = mongo.count(query, BookingDocument.class);
    List<BookingView> items =
        mongo
            .find(
                Query.of(query).with(order).skip((long) page * size).limit(size),
                BookingDocument.class)
            .stream()
            .map(BookingDocument::view)
            .toList();
    return new BookingPage(items, page, size, total);
  }

  private void change(
      String bookingId,
      TrackingToken token,
      ReplayStatus replay,
      Function<BookingDocument, BookingDocument> change) {
    BookingDocument current = mongo.findById(bookingId, BookingDocument.class);
    if (current == null || !Positions.isNew(Positions.of(token), current.position())) {
      return;
    }
    BookingDocument changed = change.apply(current);
    mongo.save(changed);
    announce(changed, replay);
  }

  /** Pushes the booking to its subscribers once the processor has stored its progress. */
  private void announce(BookingDocument booking, ReplayStatus replay) {
    if (replay.isReplay()) {
      return;
    }
    BookingView view = booking.view();
    emitter.emit(FindBookingQuery.class, query -> query.bookingId().equals(view.bookingId()), view);
  }
}
