package io.calisera.notification.delivery;

import io.calisera.notification.notice.BookingFacts;
import io.calisera.notification.notice.Notice;
import io.calisera.notification.notice.Noticeboard;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores notices in the {@code notice} table, in the transaction the calling saga step runs in (the
 * saga's {@code SpringTransactionManager} over the same {@code DataSource}). One row per (booking,
 * kind, sequence, due instant): a step that runs again posts nothing new. A notice remembers the
 * global position of the event it answers, so that its devices are looked up as of then ({@link
 * DeviceBook}).
 */
@Component
class JdbcNoticeboard implements Noticeboard {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Dispatch dispatch;

  JdbcNoticeboard(JdbcClient jdbc, Clock clock, Dispatch dispatch) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.dispatch = dispatch;
  }

  @Override
  public void post(Notice notice) {
    BookingFacts booking = notice.booking();
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into notice (booking_id, kind, sequence, scheduled_for, provider_id, service_id,
              status, start_at, end_at, previous_start_at, previous_end_at, customer_name,
              customer_email, customer_phone, customer_zone, customer_account_id, reason,
              posted_at, next_attempt_at, event_position)
            values (:bookingId, :kind, :sequence, :scheduledFor, :providerId, :serviceId,
              :status, :start, :end, :previousStart, :previousEnd, :customerName,
              :customerEmail, :customerPhone, :customerZone, :customerAccountId, :reason,
              :now, :now, :eventPosition)
            on conflict do nothing
            """)
        .param("bookingId", booking.bookingId())
        .param("kind", notice.kind().name())
        .param("sequence", notice.sequence())
        .param("scheduledFor", timestamp(notice.scheduledFor()))
        .param("providerId", booking.providerId())
        .param("serviceId", booking.serviceId())
        .param("status", booking.status().name())
        .param("start", timestamp(booking.start()))
        .param("end", timestamp(booking.end()))
        .param("previousStart", timestamp(booking.previousStart()))
        .param("previousEnd", timestamp(booking.previousEnd()))
        .param("customerName", booking.customer().name())
        .param("customerEmail", booking.customer().email())
        .param("customerPhone", booking.customer().phone())
        .param(
            "customerZone",
            booking.customer().timeZone() == null ? null : booking.customer().timeZone().getId())
        .param("customerAccountId", booking.customerAccountId())
        .param("reason", booking.reason())
        .param("now", timestamp(now))
        .param("eventPosition", eventPosition())
        .update();
    dispatch.afterCommit();
  }

  /** The position of the event the current saga step handles; {@code null} for a deadline. */
  private static Long eventPosition() {
    if (CurrentUnitOfWork.isStarted()
        && CurrentUnitOfWork.get().getMessage() instanceof TrackedEventMessage<?> event
        && event.trackingToken() != null) {
      var position = event.trackingToken().position();
      return position.isPresent() ? position.getAsLong() : null;
    }
    return null;
  }

  static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
