package io.calisera.notification.booking;

/**
 * The payload of a reminder deadline.
 *
 * @param minutesBefore how long before the booking's start it is due
 */
record Reminder(int minutesBefore) {

  static final String DEADLINE = "reminder";
}
