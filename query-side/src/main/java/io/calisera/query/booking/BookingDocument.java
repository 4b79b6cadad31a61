package io.calisera.query.booking;

import io.calisera.api.booking.BookingRecord;
import io.calisera.api.booking.BookingState;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.Customer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One booking with its history: a {@link BookingRecord} as MongoDB keeps it. {@code start} and
 * {@code end} are dates (for range filters and sorting; bookings start on whole seconds), the
 * history's instants are ISO texts (exact).
 */
@Document(BookingDocument.COLLECTION)
record BookingDocument(
    @Id String bookingId,
    String providerId,
    String serviceId,
    BookingStatus status,
    Instant start,
    Instant end,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    int cancellationNoticeMinutes,
    CustomerDocument customer,
    String customerAccountId,
    String notes,
    String createdAt,
    List<HistoryDocument> history,
    long position) {

  static final String COLLECTION = "bookings";

  record CustomerDocument(String name, String email, String phone, String timeZone) {

    static CustomerDocument of(Customer customer) {
      return new CustomerDocument(
          customer.name(),
          customer.email(),
          customer.phone(),
          customer.timeZone() == null ? null : customer.timeZone().getId());
    }

    Customer customer() {
      return new Customer(name, email, phone, timeZone == null ? null : ZoneId.of(timeZone));
    }
  }

  record HistoryDocument(String at, String type, String by) {}

  BookingDocument {
    history = history == null ? List.of() : List.copyOf(history);
  }

  /** The read model's form of the booking, as of the event at {@code position}. */
  static BookingDocument of(BookingRecord booking, long position) {
    BookingState state = booking.state();
    return new BookingDocument(
        state.bookingId(),
        booking.providerId(),
        state.serviceId(),
        state.status(),
        state.start(),
        state.end(),
        state.bufferBeforeMinutes(),
        state.bufferAfterMinutes(),
        state.cancellationNoticeMinutes(),
        CustomerDocument.of(booking.customer()),
        state.customerAccountId(),
        booking.notes(),
        booking.createdAt().toString(),
        booking.history().stream()
            .map(entry -> new HistoryDocument(entry.at().toString(), entry.type(), entry.by()))
            .toList(),
        position);
  }

  BookingRecord record() {
    return new BookingRecord(
        providerId,
        new BookingState(
            bookingId,
            serviceId,
            customerAccountId,
            start,
            end,
            bufferBeforeMinutes,
            bufferAfterMinutes,
            cancellationNoticeMinutes,
            status),
        customer.customer(),
        notes,
        Instant.parse(createdAt),
        history.stream()
            .map(
                entry ->
                    new BookingView.HistoryEntry(
                        Instant.parse(entry.at()), entry.type(), entry.by()))
            .toList());
  }

  BookingView view() {
    return record().view();
  }
}
