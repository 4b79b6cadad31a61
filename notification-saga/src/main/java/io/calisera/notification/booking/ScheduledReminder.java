package io.calisera.notification.booking;

/** A reminder deadline the saga has scheduled and not yet seen fire or cancelled. */
record ScheduledReminder(int minutesBefore, String deadlineId) {}
