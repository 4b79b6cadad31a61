package io.calisera.notification.unanswered;

import java.time.Instant;

/** The payload of the deadline at which a pending booking must have been answered: its start. */
record AnswerBy(Instant start) {}
