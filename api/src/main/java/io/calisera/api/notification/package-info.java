/**
 * The notification service's vocabulary (docs/api.md, "Notifications"): kinds, channels and states
 * of the messages about a booking, and the query that lists them.
 */
package io.calisera.api.notification;
