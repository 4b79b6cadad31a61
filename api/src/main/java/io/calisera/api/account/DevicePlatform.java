package io.calisera.api.account;

/** Where a push device receives its messages. */
public enum DevicePlatform {
  /** Firebase Cloud Messaging (Android, and apps that use it elsewhere). */
  FCM,
  /** Apple Push Notification service. */
  APNS,
  /** A browser's Web Push subscription. */
  WEBPUSH
}
