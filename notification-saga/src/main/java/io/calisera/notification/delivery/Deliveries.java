package io.calisera.notification.delivery;

import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.Customer;
import io.calisera.api.notification.BookingNotifications;
import io.calisera.api.notification.NotificationChannel;
import io.calisera.api.notification.NotificationKind;
import io.calisera.api.notification.NotificationStatus;
import io.calisera.notification.notice.BookingFacts;
import io.calisera.notification.notice.Notice;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notices and their delivery records in PostgreSQL. Timing here (leases, the next attempt, the
 * time of an attempt) is the database's clock, shared by every instance; business time (when a
 * reminder is due) stays the sagas'.
 */
@Component
class Deliveries {

  private static final String NOTICE_COLUMNS =
      """
      n.id, n.booking_id, n.kind, n.sequence, n.scheduled_for, n.provider_id, n.service_id,
      n.status, n.start_at, n.end_at, n.previous_start_at, n.previous_end_at, n.customer_name,
      n.customer_email, n.customer_phone, n.customer_zone, n.customer_account_id, n.reason,
      n.attempts, n.event_position
      """;

  private final JdbcClient jdbc;

  Deliveries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Notices not yet addressed and due, locked for the caller's transaction. */
  List<StoredNotice> lockNoticesToAddress(int limit) {
    return jdbc.sql(
            "select "
                + NOTICE_COLUMNS
                + " from notice n where n.addressed_at is null and n.next_attempt_at <= now()"
                + " order by n.id limit :limit for update skip locked")
        .param("limit", limit)
        .query((rs, row) -> storedNotice(rs))
        .list();
  }

  Optional<StoredNotice> notice(long id) {
    return jdbc.sql("select " + NOTICE_COLUMNS + " from notice n where n.id = :id")
        .param("id", id)
        .query((rs, row) -> storedNotice(rs))
        .optional();
  }

  /**
   * Records the notice's deliveries, {@code PENDING} or, on a channel without a gateway, {@code
   * SKIPPED}; one per channel and recipient however often this runs.
   */
  void addressed(StoredNotice notice, List<Recipient> recipients, List<NotificationChannel> off) {
    for (Recipient recipient : recipients) {
      jdbc.sql(
              """
              insert into delivery (notice_id, booking_id, channel, recipient, address, platform,
                status, next_attempt_at, created_at)
              values (:notice, :booking, :channel, :recipient, :address, :platform, :status,
                now(), now())
              on conflict do nothing
              """)
          .param("notice", notice.id())
          .param("booking", notice.notice().booking().bookingId())
          .param("channel", recipient.channel().name())
          .param("recipient", recipient.shown())
          .param("address", recipient.address())
          .param("platform", recipient.platform())
          .param(
              "status",
              (off.contains(recipient.channel())
                      ? NotificationStatus.SKIPPED
                      : NotificationStatus.PENDING)
                  .name())
          .update();
    }
    jdbc.sql("update notice set addressed_at = now(), last_error = null where id = :id")
        .param("id", notice.id())
        .update();
  }

  void addressingFailed(StoredNotice notice, String error, Duration retryIn) {
    jdbc.sql(
            """
            update notice set attempts = attempts + 1, last_error = :error,
              next_attempt_at = now() + make_interval(secs => :seconds)
            where id = :id
            """)
        .param("error", clip(error))
        .param("seconds", retryIn.toMillis() / 1000.0)
        .param("id", notice.id())
        .update();
  }

  /**
   * Takes up to {@code limit} due {@code PENDING} deliveries for one attempt each: counts the
   * attempt and holds them for {@code lease}, in one statement, so that no other sender takes them
   * meanwhile and a sender that dies lets them go when the lease lapses.
   */
  List<Claimed> claim(int limit, Duration lease) {
    return jdbc.sql(
            """
            update delivery d set attempts = d.attempts + 1, last_attempt_at = now(),
              claimed_until = now() + make_interval(secs => :lease)
            where d.id in (
              select id from delivery
              where status = 'PENDING' and next_attempt_at <= now()
                and (claimed_until is null or claimed_until < now())
              order by next_attempt_at, id
              limit :limit
              for update skip locked)
            returning d.id, d.notice_id, d.channel, d.recipient, d.address, d.platform, d.attempts
            """)
        .param("lease", lease.toMillis() / 1000.0)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new Claimed(
                    rs.getLong("id"),
                    rs.getLong("notice_id"),
                    NotificationChannel.valueOf(rs.getString("channel")),
                    rs.getString("recipient"),
                    rs.getString("address"),
                    rs.getString("platform"),
                    rs.getInt("attempts")))
        .list();
  }

  void sent(Claimed delivery) {
    jdbc.sql(
            """
            update delivery set status = 'SENT', sent_at = now(), claimed_until = null,
              last_error = null
            where id = :id
            """)
        .param("id", delivery.id())
        .update();
  }

  /** The attempt failed: try again in {@code retryIn}, or give up when it is {@code null}. */
  void failed(Claimed delivery, String error, Duration retryIn) {
    jdbc.sql(
            """
            update delivery set claimed_until = null, last_error = :error,
              status = case when :giveUp then 'FAILED' else status end,
              next_attempt_at = now() + make_interval(secs => :seconds)
            where id = :id
            """)
        .param("error", clip(error))
        .param("giveUp", retryIn == null)
        .param("seconds", retryIn == null ? 0.0 : retryIn.toMillis() / 1000.0)
        .param("id", delivery.id())
        .update();
  }

  /** What was sent, or is still to be, about one booking, oldest first. */
  BookingNotifications of(String bookingId) {
    List<BookingNotifications.Message> messages =
        jdbc.sql(
                """
                select d.channel, n.kind, d.recipient, d.status, d.attempts, d.last_attempt_at,
                  n.scheduled_for
                from delivery d join notice n on n.id = d.notice_id
                where d.booking_id = :booking
                order by d.id
                """)
            .param("booking", bookingId)
            .query(
                (rs, row) ->
                    new BookingNotifications.Message(
                        NotificationChannel.valueOf(rs.getString("channel")),
                        NotificationKind.valueOf(rs.getString("kind")),
                        rs.getString("recipient"),
                        NotificationStatus.valueOf(rs.getString("status")),
                        rs.getInt("attempts"),
                        instant(rs.getTimestamp("last_attempt_at")),
                        instant(rs.getTimestamp("scheduled_for"))))
            .list();
    return new BookingNotifications(bookingId, messages);
  }

  private static StoredNotice storedNotice(ResultSet rs) throws SQLException {
    String zone = rs.getString("customer_zone");
    var customer =
        new Customer(
            rs.getString("customer_name"),
            rs.getString("customer_email"),
            rs.getString("customer_phone"),
            zone == null ? null : ZoneId.of(zone));
    var booking =
        new BookingFacts(
            rs.getString("booking_id"),
            rs.getString("provider_id"),
            rs.getString("service_id"),
            BookingStatus.valueOf(rs.getString("status")),
            instant(rs.getTimestamp("start_at")),
            instant(rs.getTimestamp("end_at")),
            instant(rs.getTimestamp("previous_start_at")),
            instant(rs.getTimestamp("previous_end_at")),
            customer,
            rs.getString("customer_account_id"),
            rs.getString("reason"));
    var notice =
        new Notice(
            NotificationKind.valueOf(rs.getString("kind")),
            rs.getInt("sequence"),
            instant(rs.getTimestamp("scheduled_for")),
            booking);
    return new StoredNotice(
        rs.getLong("id"),
        notice,
        rs.getInt("attempts"),
        rs.getObject("event_position", Long.class));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static String clip(String error) {
    String text = error == null ? "unknown" : error;
    return text.length() <= 1000 ? text : text.substring(0, 1000);
  }
}
