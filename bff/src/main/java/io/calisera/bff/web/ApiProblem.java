package io.calisera.bff.web;

import io.calisera.api.common.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A problem to answer the client with: throw it from a controller or a service, and {@link
 * ApiExceptionHandler} renders it as {@code application/problem+json} with the code's status.
 * Problems the client should retry later carry {@code Retry-After}: {@code SERVICE_UNAVAILABLE}
 * always ({@link #UNAVAILABLE_RETRY_AFTER}), {@code TOO_MANY_REQUESTS} with the wait its limit
 * computed.
 */
public final class ApiProblem extends RuntimeException {

  /**
   * When a client should try again after a 503: the hub comes back within seconds of a restart, and
   * a client that waits this long between tries adds little load meanwhile.
   */
  public static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(2);

  private final ProblemCode code;
  private final transient List<FieldProblem> errors;
  private final Duration retryAfter;

  public ApiProblem(ProblemCode code, String detail) {
    this(code, detail, List.of());
  }

  public ApiProblem(ProblemCode code, String detail, List<FieldProblem> errors) {
    this(
        code,
        detail,
        errors,
        code == ProblemCode.SERVICE_UNAVAILABLE ? UNAVAILABLE_RETRY_AFTER : null);
  }

  private ApiProblem(
      ProblemCode code, String detail, List<FieldProblem> errors, Duration retryAfter) {
    super(detail, null, false, false);
    this.code = code;
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
  }

  /** A field the client must correct: 400 {@code VALIDATION_FAILED} naming it. */
  public static ApiProblem invalid(String field, String message) {
    return new ApiProblem(
        ProblemCode.VALIDATION_FAILED,
        field + ": " + message,
        List.of(new FieldProblem(field, message)));
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(ProblemCode.NOT_FOUND, detail);
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(ProblemCode.FORBIDDEN, detail);
  }

  public static ApiProblem unauthenticated(String detail) {
    return new ApiProblem(ProblemCode.UNAUTHENTICATED, detail);
  }

  /** The domain's refusal, with the status of {@link ProblemCode#of}. */
  public static ApiProblem refused(Refusal refusal) {
    return new ApiProblem(ProblemCode.of(refusal.code()), refusal.message());
  }

  /** A rate limit was reached; the client may try again after {@code retryAfter}. */
  public static ApiProblem tooManyRequests(String detail, Duration retryAfter) {
    return new ApiProblem(ProblemCode.TOO_MANY_REQUESTS, detail, List.of(), retryAfter);
  }

  public ProblemCode code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldProblem> errors() {
    return errors;
  }

  /** How long the client should wait before it tries again, for {@code Retry-After}. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
