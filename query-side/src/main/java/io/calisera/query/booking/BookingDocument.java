package io.calisera.query.booking;

import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.Customer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One booking with its history. {@code start} and {@code end} are dates (for range filters and
 * sorting; bookings start on whole seconds), the history's instants are ISO texts (exact).
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

  /** The booking after a change of status (and, when moved, of time), with one more entry. */
  BookingDocument changed(
      BookingStatus newStatus,
      Instant newStart,
      Instant newEnd,
      int newBufferBefore,
      int newBufferAfter,
      String type,
      String by,
      Instant at,
      long newPosition) {
    List<HistoryDocument> entries = new ArrayList<>(history);
    entries.add(new HistoryDocument(at.toString(), type, by));
    return new BookingDocument(
        bookingId,
        providerId,
        serviceId,
        newStatus,
        newStart,
        newEnd,
        newBufferBefore,
        newBufferAfter,
        cancellationNoticeMinutes,
        customer,
        customerAccountId,
        notes,
        createdAt,
        entries,
        newPosition);
  }

  BookingDocument withStatus(
      BookingStatus newStatus, String type, String by, Instant at, long newPosition) {
    return changed(
        newStatus, start, end, bufferBeforeMinutes, bufferAfterMinutes, type, by, at, newPosition);
  }

  BookingView view() {
    return new BookingView(
        bookingId,
        status,
        providerId,
        serviceId,
        start,
        end,
        customer.customer(),
        customerAccountId,
        notes,
        Instant.parse(createdAt),
        history.stream()
            .map(
                entry ->
                    new BookingView.HistoryEntry(
                        Instant.parse(entry.at()), entry.type(), entry.by()))
            .toList());
  }
}
