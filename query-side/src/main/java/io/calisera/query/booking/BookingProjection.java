package io.calisera.query.booking;

import io.calisera.api.booking.BookingEvent;
import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.BookingRecord;
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

  /** Every event of a booking, folded by {@link BookingRecord#after} (in {@code api}). */
  @EventHandler
  void on(BookingEvent event, TrackingToken token, ReplayStatus replay) {
    long position = Positions.of(token);
    BookingDocument current = mongo.findById(event.bookingId(), BookingDocument.class);
    if (current != null && !Positions.isNew(position, current.position())) {
      return;
    }
    BookingRecord changed = BookingRecord.after(current == null ? null : current.record(), event);
    if (changed == null) {
      return;
    }
    BookingDocument document = BookingDocument.of(changed, position);
    mongo.save(document);
    announce(document, replay);
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

  /** Pushes the booking to its subscribers once the processor has stored its progress. */
  private void announce(BookingDocument booking, ReplayStatus replay) {
    if (replay.isReplay()) {
      return;
    }
    BookingView view = booking.view();
    emitter.emit(FindBookingQuery.class, query -> query.bookingId().equals(view.bookingId()), view);
  }
}
