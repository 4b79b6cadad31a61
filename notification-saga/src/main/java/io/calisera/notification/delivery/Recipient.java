package io.calisera.notification.delivery;

import io.calisera.api.notification.NotificationChannel;

/**
 * Where one notice goes on one channel.
 *
 * @param shown what the records show
 * @param address where the message goes
 * @param platform a push device's platform, else {@code null}
 * @param name the person's name, for the greeting and an email's {@code To}
 */
record Recipient(
    NotificationChannel channel, String shown, String address, String platform, String name) {

  static Recipient email(String address, String name) {
    return new Recipient(NotificationChannel.EMAIL, address, address, null, name);
  }

  static Recipient sms(String e164, String name) {
    return new Recipient(NotificationChannel.SMS, e164, e164, null, name);
  }

  /** A device is shown by its platform and the end of its token, never the whole token. */
  static Recipient push(String platform, String token, String name) {
    String end = token.length() <= 8 ? token : token.substring(token.length() - 8);
    return new Recipient(NotificationChannel.PUSH, platform + " …" + end, token, platform, name);
  }
}
