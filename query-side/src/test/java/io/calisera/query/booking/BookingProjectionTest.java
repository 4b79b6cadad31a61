package io.calisera.query.booking;

import static io.calisera.query.support.Events.aBookingPlaced;
import static io.calisera.query.support.Events.aPendingBooking;
import static io.calisera.query.support.Events.cancelled;
import static io.calisera.query.support.Events.confirmed;
import static io.calisera.query.support.Events.rescheduled;
import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.booking.FindCustomerBookingsQuery;
import io.calisera.api.booking.FindProviderBookingsQuery;
import io.calisera.query.support.Events;
import io.calisera.query.support.ReadModels;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BookingProjectionTest {

  static final Instant MARCH_4_9AM = Instant.parse("2026-03-04T08:00:00Z");

  final ReadModels readModels = new ReadModels();

  {
    var projection = new BookingProjection(readModels.mongo(), readModels.emitter());
    projection.afterSingletonsInstantiated();
    readModels.register(projection);
  }

  @AfterEach
  void stop() {
    readModels.close();
  }

  Optional<BookingView> find(String bookingId) {
    return readModels
        .queries()
        .query(new FindBookingQuery(bookingId), ResponseTypes.optionalInstanceOf(BookingView.class))
        .join();
  }

  BookingPage agenda(FindProviderBookingsQuery query) {
    return readModels.queries().query(query, ResponseTypes.instanceOf(BookingPage.class)).join();
  }

  BookingPage own(FindCustomerBookingsQuery query) {
    return readModels.queries().query(query, ResponseTypes.instanceOf(BookingPage.class)).join();
  }

  static BookingPlacedEvent booking(String id, String provider, int hoursLater, String customer) {
    return aBookingPlaced(
        provider, id, "s1", MARCH_4_9AM.plusSeconds(hoursLater * 3600L), 60, 5, 10, customer);
  }

  @Test
  void aPlacedBookingIsFoundWithCustomerAndHistory() {
    BookingPlacedEvent placed = aPendingBooking(booking("b1", "p1", 0, "c1"));
    readModels.given(placed);

    BookingView view = find("b1").orElseThrow();

    assertThat(view.status()).isEqualTo(BookingStatus.PENDING);
    assertThat(view.providerId()).isEqualTo("p1");
    assertThat(view.serviceId()).isEqualTo("s1");
    assertThat(view.start()).isEqualTo(MARCH_4_9AM);
    assertThat(view.end()).isEqualTo(MARCH_4_9AM.plusSeconds(3600));
    assertThat(view.customer()).isEqualTo(Events.aCustomer());
    assertThat(view.customerAccountId()).isEqualTo("c1");
    assertThat(view.notes()).isEqualTo("notes");
    assertThat(view.createdAt()).isEqualTo(Events.AT);
    assertThat(view.history())
        .containsExactly(new BookingView.HistoryEntry(Events.AT, "PLACED", "c1"));
    assertThat(find("b2")).isEmpty();
  }

  @Test
  void theLifecycleShowsInStatusTimesAndHistory() {
    BookingPlacedEvent placed = aPendingBooking(booking("b1", "p1", 0, null));
    Instant later = MARCH_4_9AM.plusSeconds(7200);
    Instant exactAt = Instant.parse("2026-03-02T08:00:00.123456789Z");
    readModels.given(
        placed,
        confirmed(placed),
        rescheduled(placed, later),
        new io.calisera.api.booking.BookingCancelledEvent("p1", "b1", null, "guest", exactAt));

    BookingView view = find("b1").orElseThrow();

    assertThat(view.status()).isEqualTo(BookingStatus.CANCELLED);
    assertThat(view.start()).isEqualTo(later);
    assertThat(view.end()).isEqualTo(later.plusSeconds(3600));
    assertThat(view.history())
        .extracting(BookingView.HistoryEntry::type)
        .containsExactly("PLACED", "CONFIRMED", "RESCHEDULED", "CANCELLED");
    assertThat(view.history().get(1).by()).isEqualTo(Events.OWNER);
    assertThat(view.history().get(3).at()).as("instants kept exactly").isEqualTo(exactAt);
  }

  @Test
  void theAgendaListsAProvidersBookingsEarliestFirstFilteredAndPaged() {
    readModels.given(
        booking("b3", "p1", 3, "c1"),
        booking("b1", "p1", 1, "c2"),
        booking("b2", "p1", 2, null),
        booking("x1", "p2", 1, "c1"),
        cancelled(booking("b2", "p1", 2, null)));

    assertThat(agenda(new FindProviderBookingsQuery("p1", null, null, null, 0, 10)).items())
        .extracting(BookingView::bookingId)
        .containsExactly("b1", "b2", "b3");
    assertThat(
            agenda(
                    new FindProviderBookingsQuery(
                        "p1",
                        MARCH_4_9AM.plusSeconds(3600),
                        MARCH_4_9AM.plusSeconds(3 * 3600),
                        null,
                        0,
                        10))
                .items())
        .as("from inclusive, to exclusive")
        .extracting(BookingView::bookingId)
        .containsExactly("b1", "b2");
    assertThat(
            agenda(new FindProviderBookingsQuery("p1", null, null, BookingStatus.CONFIRMED, 0, 10))
                .items())
        .extracting(BookingView::bookingId)
        .containsExactly("b1", "b3");
    BookingPage secondPage = agenda(new FindProviderBookingsQuery("p1", null, null, null, 1, 2));
    assertThat(secondPage.items()).extracting(BookingView::bookingId).containsExactly("b3");
    assertThat(secondPage.total()).isEqualTo(3);
  }

  @Test
  void aCustomerSeesTheirOwnBookingsNewestFirst() {
    readModels.given(
        booking("b1", "p1", 1, "c1"),
        booking("b2", "p2", 5, "c1"),
        booking("b3", "p1", 3, "c1"),
        booking("b4", "p1", 4, "c2"),
        booking("b5", "p1", 6, null));

    assertThat(own(new FindCustomerBookingsQuery("c1", null, null, null, 0, 10)).items())
        .extracting(BookingView::bookingId)
        .containsExactly("b2", "b3", "b1");
    BookingPage firstPage = own(new FindCustomerBookingsQuery("c1", null, null, null, 0, 1));
    assertThat(firstPage.items()).extracting(BookingView::bookingId).containsExactly("b2");
    assertThat(firstPage.total()).isEqualTo(3);
    assertThat(
            own(new FindCustomerBookingsQuery(
                    "c1", MARCH_4_9AM.plusSeconds(2 * 3600), null, null, 0, 10))
                .items())
        .extracting(BookingView::bookingId)
        .containsExactly("b2", "b3");
  }

  @Test
  void subscribersOfABookingGetEachChange() {
    BookingPlacedEvent placed = aPendingBooking(booking("b1", "p1", 0, "c1"));
    var subscription =
        readModels
            .queries()
            .subscriptionQuery(
                new FindBookingQuery("b1"),
                ResponseTypes.optionalInstanceOf(BookingView.class),
                ResponseTypes.instanceOf(BookingView.class));
    List<BookingView> updates = new CopyOnWriteArrayList<>();
    subscription.updates().subscribe(updates::add);
    assertThat(subscription.initialResult().block()).isEmpty();

    readModels.given(placed, booking("other", "p1", 2, "c1"), confirmed(placed));

    assertThat(updates)
        .extracting(BookingView::status)
        .containsExactly(BookingStatus.PENDING, BookingStatus.CONFIRMED);
    subscription.close();
  }

  @Test
  void eventsDeliveredAgainChangeNothing() {
    BookingPlacedEvent placed = aPendingBooking(booking("b1", "p1", 0, "c1"));
    readModels.given(placed, confirmed(placed), cancelled(placed));
    var before = readModels.snapshot();

    readModels.redeliver(0, placed);
    readModels.redeliver(1, confirmed(placed));
    readModels.redeliver(2, cancelled(placed));

    assertThat(readModels.snapshot()).isEqualTo(before);
    assertThat(find("b1").orElseThrow().history()).hasSize(3);
  }
}
