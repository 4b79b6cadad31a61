package io.calisera.bff.booking;

import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.Customer;
import io.calisera.bff.web.WireFormats;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A booking as clients see it. Its instants are written with the offset of the customer's time zone
 * (which defaults to the provider's when the booking is made).
 */
public record BookingResponse(
    String bookingId,
    BookingStatus status,
    String providerId,
    String serviceId,
    String start,
    String end,
    CustomerResponse customer,
    String notes,
    String createdAt,
    List<HistoryResponse> history) {

  record CustomerResponse(String name, String email, String phone, String timeZone) {}

  /**
   * @param type {@code PLACED}, {@code CONFIRMED}, {@code DECLINED}, {@code CANCELLED}, {@code
   *     RESCHEDULED}, {@code COMPLETED} or {@code NO_SHOW}
   * @param by the acting account id, {@code guest} (a capability holder) or {@code system}
   */
  record HistoryResponse(String at, String type, String by) {}

  public static BookingResponse of(BookingView view) {
    ZoneId zone = zoneOf(view.customer());
    Customer customer = view.customer();
    return new BookingResponse(
        view.bookingId(),
        view.status(),
        view.providerId(),
        view.serviceId(),
        WireFormats.instant(view.start(), zone),
        WireFormats.instant(view.end(), zone),
        customer == null
            ? null
            : new CustomerResponse(
                customer.name(), customer.email(), customer.phone(), zone.getId()),
        view.notes(),
        WireFormats.instant(view.createdAt(), zone),
        view.history() == null
            ? List.of()
            : view.history().stream()
                .map(
                    entry ->
                        new HistoryResponse(
                            WireFormats.instant(entry.at(), zone), entry.type(), entry.by()))
                .toList());
  }

  static ZoneId zoneOf(Customer customer) {
    return customer == null || customer.timeZone() == null ? ZoneOffset.UTC : customer.timeZone();
  }
}
