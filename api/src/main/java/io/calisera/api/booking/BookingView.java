package io.calisera.api.booking;

import java.time.Instant;
import java.util.List;

/** A booking with its history, oldest entry first. */
public record BookingView(
    String bookingId,
    BookingStatus status,
    String providerId,
    String serviceId,
    Instant start,
    Instant end,
    Customer customer,
    String customerAccountId,
    String notes,
    Instant createdAt,
    List<HistoryEntry> history) {

  /**
   * @param type what happened: {@code PLACED}, {@code CONFIRMED}, {@code DECLINED}, {@code
   *     CANCELLED}, {@code RESCHEDULED}, {@code COMPLETED}, {@code NO_SHOW}
   * @param by the acting account id, {@code guest} or {@code system}
   */
  public record HistoryEntry(Instant at, String type, String by) {}
}
