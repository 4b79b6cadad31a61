package io.calisera.api.common;

/**
 * Why the domain refused a command. The names are the contract's error {@code code}s; the bff maps
 * each to its HTTP status in one place.
 */
public enum RefusalCode {
  /** A slug that another provider already uses. */
  SLUG_TAKEN,
  /** A start on the grid whose range overlaps a live booking (409). */
  SLOT_TAKEN,
  /** A start outside the windows or off the grid (422). */
  NOT_A_SLOT,
  INSIDE_MINIMUM_NOTICE,
  BEYOND_BOOKING_HORIZON,
  IN_THE_PAST,
  /** A customer cancelling or moving inside the service's cancellation notice (422). */
  CANCELLATION_WINDOW_CLOSED,
  /** A transition the booking's current state does not allow (409). */
  INVALID_STATE,
  /** The same idempotency key with another request (422). */
  IDEMPOTENCY_KEY_REUSED,
  /** The same idempotency key while its first request is still running (409). */
  IDEMPOTENCY_KEY_IN_FLIGHT,
  /** The provider, service or booking named by the command does not exist. */
  NOT_FOUND,
  /** The actor may not do this to this provider or booking. */
  FORBIDDEN,
  /** A value the domain cannot accept although each field is well-formed. */
  VALIDATION_FAILED
}
