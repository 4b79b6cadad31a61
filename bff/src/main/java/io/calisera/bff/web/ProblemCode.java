package io.calisera.bff.web;

import io.calisera.api.common.RefusalCode;
import org.springframework.http.HttpStatus;

/**
 * The machine-readable {@code code} of every problem the bff answers, with its HTTP status. The
 * contract's codes plus the generic ones of HTTP. {@link #of(RefusalCode)} is the one mapping from
 * the domain's refusals to HTTP.
 */
public enum ProblemCode {
  VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "The request is not valid"),
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "The request could not be read"),
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"),
  FORBIDDEN(HttpStatus.FORBIDDEN, "Not allowed"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  SLUG_TAKEN(HttpStatus.CONFLICT, "Slug taken"),
  SLOT_TAKEN(HttpStatus.CONFLICT, "Slot taken"),
  NOT_A_SLOT(HttpStatus.UNPROCESSABLE_CONTENT, "Not a slot"),
  INSIDE_MINIMUM_NOTICE(HttpStatus.UNPROCESSABLE_CONTENT, "Inside the minimum notice"),
  BEYOND_BOOKING_HORIZON(HttpStatus.UNPROCESSABLE_CONTENT, "Beyond the booking horizon"),
  IN_THE_PAST(HttpStatus.UNPROCESSABLE_CONTENT, "In the past"),
  CANCELLATION_WINDOW_CLOSED(HttpStatus.UNPROCESSABLE_CONTENT, "Cancellation window closed"),
  INVALID_STATE(HttpStatus.CONFLICT, "Not possible in the current state"),
  IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused"),
  IDEMPOTENCY_KEY_IN_FLIGHT(HttpStatus.CONFLICT, "Idempotency key in flight"),
  /** The same thing was changed by another request twice while this one ran; try again. */
  CONCURRENT_CHANGE(HttpStatus.CONFLICT, "Changed concurrently"),
  /** This client sent more requests of a kind than its rate limit allows; see Retry-After. */
  TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
  /** The hub or a service cannot be reached right now; see Retry-After. */
  SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  private final HttpStatus status;
  private final String title;

  ProblemCode(HttpStatus status, String title) {
    this.status = status;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The problem type URI: stable, not meant to be dereferenced (RFC 9457 allows tag URIs). */
  public String type() {
    return "tag:calisera.io,2026:problems/" + name().toLowerCase().replace('_', '-');
  }

  /**
   * The one mapping from the domain's refusals to HTTP (docs/api.md, "Errors"). Exhaustive: a new
   * {@link RefusalCode} does not compile until it is mapped here.
   */
  public static ProblemCode of(RefusalCode refusal) {
    return switch (refusal) {
      case SLUG_TAKEN -> SLUG_TAKEN;
      case SLOT_TAKEN -> SLOT_TAKEN;
      case NOT_A_SLOT -> NOT_A_SLOT;
      case INSIDE_MINIMUM_NOTICE -> INSIDE_MINIMUM_NOTICE;
      case BEYOND_BOOKING_HORIZON -> BEYOND_BOOKING_HORIZON;
      case IN_THE_PAST -> IN_THE_PAST;
      case CANCELLATION_WINDOW_CLOSED -> CANCELLATION_WINDOW_CLOSED;
      case INVALID_STATE -> INVALID_STATE;
      case IDEMPOTENCY_KEY_REUSED -> IDEMPOTENCY_KEY_REUSED;
      case IDEMPOTENCY_KEY_IN_FLIGHT -> IDEMPOTENCY_KEY_IN_FLIGHT;
      case NOT_FOUND -> NOT_FOUND;
      case FORBIDDEN -> FORBIDDEN;
      case VALIDATION_FAILED -> VALIDATION_FAILED;
    };
  }

  /** The generic code of an HTTP error status that no more specific code describes. */
  public static ProblemCode forStatus(int status) {
    return switch (status) {
      case 400 -> MALFORMED_REQUEST;
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 429 -> TOO_MANY_REQUESTS;
      case 503 -> SERVICE_UNAVAILABLE;
      default -> status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    };
  }
}
