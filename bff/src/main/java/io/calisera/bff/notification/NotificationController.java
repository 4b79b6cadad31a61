package io.calisera.bff.notification;

import io.calisera.api.booking.BookingView;
import io.calisera.api.notification.BookingNotifications;
import io.calisera.api.notification.FindBookingNotificationsQuery;
import io.calisera.api.notification.NotificationChannel;
import io.calisera.api.notification.NotificationKind;
import io.calisera.api.notification.NotificationStatus;
import io.calisera.bff.auth.Authenticated;
import io.calisera.bff.auth.Caller;
import io.calisera.bff.booking.BookingAccess;
import io.calisera.bff.booking.BookingAccess.Way;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.Ids;
import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What was sent about a booking, from the notification service's delivery records. */
@RestController
@Tag(name = "Notifications")
class NotificationController {

  private static final Set<Way> READERS = EnumSet.of(Way.CUSTOMER, Way.OWNER, Way.AUDITOR);

  private final BookingAccess access;
  private final QuerySender queries;

  NotificationController(BookingAccess access, QuerySender queries) {
    this.access = access;
    this.queries = queries;
  }

  /**
   * @param recipient an email address, a phone number in E.164, or a push device (its platform and
   *     the end of its token)
   * @param scheduledFor reminders only: when the reminder was due
   */
  record NotificationResponse(
      NotificationChannel channel,
      NotificationKind kind,
      String recipient,
      NotificationStatus status,
      int attempts,
      String lastAttemptAt,
      String scheduledFor) {}

  @Authenticated
  @GetMapping("/api/v1/bookings/{bookingId}/notifications")
  @Operation(
      summary = "What was sent about a booking",
      description =
          "Who may call it: its customer, the owner of its provider, an AUDITOR. One entry per"
              + " message, recipient and channel, oldest first: status PENDING (not sent yet, or"
              + " waiting for its next attempt), SENT, FAILED (given up) or SKIPPED (the channel"
              + " has no gateway configured). Instants in the booking's customer zone.")
  @ApiProblems({ProblemCode.FORBIDDEN, ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  List<NotificationResponse> notifications(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String bookingId,
      @AuthenticationPrincipal Caller caller) {
    BookingView booking = access.grant(bookingId, caller, null, READERS).booking();
    ZoneId zone =
        booking.customer().timeZone() == null ? ZoneOffset.UTC : booking.customer().timeZone();
    return queries
        .find(new FindBookingNotificationsQuery(bookingId), BookingNotifications.class)
        .messages()
        .stream()
        .map(
            message ->
                new NotificationResponse(
                    message.channel(),
                    message.kind(),
                    message.recipient(),
                    message.status(),
                    message.attempts(),
                    instant(message.lastAttemptAt(), zone),
                    instant(message.scheduledFor(), zone)))
        .toList();
  }

  private static String instant(Instant instant, ZoneId zone) {
    return instant == null ? null : WireFormats.instant(instant, zone);
  }
}
