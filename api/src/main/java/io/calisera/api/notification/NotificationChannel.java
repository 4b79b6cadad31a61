package io.calisera.api.notification;

public enum NotificationChannel {
  EMAIL,
  SMS,
  PUSH
}
