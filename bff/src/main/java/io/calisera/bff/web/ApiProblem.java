package io.calisera.bff.web;

import io.calisera.api.common.Refusal;
import java.util.List;

/**
 * A problem to answer the client with: throw it from a controller or a service, and {@link
 * ApiExceptionHandler} renders it as {@code application/problem+json} with the code's status.
 */
public final class ApiProblem extends RuntimeException {

  private final ProblemCode code;
  private final transient List<FieldProblem> errors;

  public ApiProblem(ProblemCode code, String detail) {
    this(code, detail, List.of());
  }

  public ApiProblem(ProblemCode code, String detail, List<FieldProblem> errors) {
    super(detail, null, false, false);
    this.code = code;
    this.errors = List.copyOf(errors);
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

  public ProblemCode code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldProblem> errors() {
    return errors;
  }
}
