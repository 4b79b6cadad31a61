package io.calisera.analytics.facts;

import io.calisera.api.booking.BookingStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** One booking with its lifecycle, as a row of {@code bookings}. */
final class BookingFacts {

  final String bookingId;
  final String providerId;
  final String serviceId;
  BookingStatus status;
  final Instant placedAt;
  Instant start;
  Instant end;
  LocalDate localDate;
  int localHour;
  int reschedules;
  Instant confirmedAt;
  Instant declinedAt;
  Instant cancelledAt;
  Instant completedAt;
  Instant noShowAt;
  long position;

  BookingFacts(
      String bookingId,
      String providerId,
      String serviceId,
      BookingStatus status,
      Instant placedAt,
      Instant start,
      Instant end,
      LocalDate localDate,
      int localHour,
      int reschedules,
      long position) {
    this.bookingId = bookingId;
    this.providerId = providerId;
    this.serviceId = serviceId;
    this.status = status;
    this.placedAt = placedAt;
    this.start = start;
    this.end = end;
    this.localDate = localDate;
    this.localHour = localHour;
    this.reschedules = reschedules;
    this.position = position;
  }

  BookingFacts copy() {
    BookingFacts copy =
        new BookingFacts(
            bookingId,
            providerId,
            serviceId,
            status,
            placedAt,
            start,
            end,
            localDate,
            localHour,
            reschedules,
            position);
    copy.confirmedAt = confirmedAt;
    copy.declinedAt = declinedAt;
    copy.cancelledAt = cancelledAt;
    copy.completedAt = completedAt;
    copy.noShowAt = noShowAt;
    return copy;
  }

  /** Its start's local date and hour in {@code zone}. */
  void localize(ZoneId zone) {
    ZonedDateTime local = start.atZone(zone);
    localDate = local.toLocalDate();
    localHour = local.getHour();
  }

  int durationMinutes() {
    return (int) Duration.between(start, end).toMinutes();
  }
}
