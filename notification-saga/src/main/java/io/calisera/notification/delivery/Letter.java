package io.calisera.notification.delivery;

import io.calisera.api.notification.NotificationChannel;
import io.calisera.notification.notice.Notice;
import java.time.ZoneId;

/**
 * One message, ready to be worded and sent: the notice, to whom, in which zone the recipient reads
 * times, and the names and links its text needs.
 *
 * @param key unique per delivery and the same on every attempt: a resent copy carries the same
 *     message identity (an email's {@code Message-ID}, a gateway's idempotency key)
 * @param address an email address, a phone number in E.164, or a push device's token
 * @param platform the device's platform for push ({@code FCM}, {@code APNS}, {@code WEBPUSH}),
 *     {@code null} otherwise
 * @param zone the recipient's: the booking's customer zone, or the provider's for the owner
 * @param manageUrl the customer's manage link (emails to the customer only), else {@code null}
 */
public record Letter(
    String key,
    Notice notice,
    NotificationChannel channel,
    String address,
    String platform,
    String recipientName,
    ZoneId zone,
    String providerName,
    String serviceName,
    String manageUrl) {}
