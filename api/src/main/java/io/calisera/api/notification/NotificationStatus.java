package io.calisera.api.notification;

public enum NotificationStatus {
  /** Not sent yet: waiting for its first attempt or for the next one after a failure. */
  PENDING,
  SENT,
  /** Given up: its attempts ran out, or it can never be sent (an invalid address). */
  FAILED,
  /** Not sent because the channel has no gateway configured; recorded rather than dropped. */
  SKIPPED
}
