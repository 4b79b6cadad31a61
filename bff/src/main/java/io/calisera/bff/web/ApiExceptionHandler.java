package io.calisera.bff.web;

import io.calisera.api.schedule.InvalidValuesException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every failure of a request handled by Spring MVC into a problem ({@link Problems}): the
 * bff's own {@link ApiProblem}s, Spring MVC's exceptions (unknown path, wrong method or media type,
 * unreadable body, Bean Validation), {@link IllegalArgumentException}s of the api's message
 * constructors (a field the client got wrong), and anything else as a logged 500 that tells the
 * client nothing internal. Spring Security's exceptions pass through to its filters, which answer
 * 401 or 403 in the same shape. A browser that asked for a page may get one instead ({@link
 * ProblemPages}).
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  /** Where the api's argument checks live: their messages start with the field's name. */
  private static final String API_PACKAGE = "io.calisera.api.";

  private final ObjectProvider<ProblemPages> pages;

  public ApiExceptionHandler(ObjectProvider<ProblemPages> pages) {
    this.pages = pages;
  }

  /** A problem of the bff's own: a page where a browser asked for one and the pages have it. */
  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<Object> apiProblem(ApiProblem problem, HttpServletRequest request) {
    return Optional.ofNullable(pages.getIfAvailable())
        .flatMap(html -> html.page(problem, request))
        .orElseGet(() -> Problems.entity(problem, request));
  }

  /** A value that breaks several rules at once (a schedule, service settings): each one named. */
  @ExceptionHandler(InvalidValuesException.class)
  ResponseEntity<Object> invalidValues(InvalidValuesException e, HttpServletRequest request) {
    List<FieldProblem> errors =
        e.violations().stream()
            .map(violation -> new FieldProblem(violation.field(), violation.message()))
            .toList();
    return Problems.entity(ProblemCode.VALIDATION_FAILED, e.getMessage(), request, errors);
  }

  /** The api's constructors check their fields and name the offending one first. */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Object> illegalArgument(IllegalArgumentException e, HttpServletRequest request) {
    if (fromApi(e)) {
      String message = e.getMessage() == null ? "is not valid" : e.getMessage();
      String field = message.split(" ", 2)[0];
      return Problems.entity(
          ProblemCode.VALIDATION_FAILED,
          message,
          request,
          List.of(new FieldProblem(field, message)));
    }
    return unexpected(e, request);
  }

  /** Let Spring Security answer these: 401 for anonymous callers, 403 for the others. */
  @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
  void security(Exception e) throws Exception {
    throw e;
  }

  /**
   * Anything else is a bug (500), unless it says the hub or a service could not be reached: a
   * request that met the hub's absence outside {@code CommandSender} and {@code QuerySender} (a
   * subscription query, say) is a 503 like theirs.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
    if (HubFailures.unavailable(e)) {
      LOG.warn(
          "{} {} met an unreachable platform: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.toString());
      return Problems.entity(
          ProblemCode.SERVICE_UNAVAILABLE,
          "The platform is not available right now; try again",
          request,
          List.of());
    }
    LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
    return Problems.entity(
        ProblemCode.INTERNAL_ERROR, "The request could not be completed", request, List.of());
  }

  /** Spring MVC's own exceptions: keep their status and headers (e.g. Allow), in our shape. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    HttpServletRequest servletRequest = ((ServletWebRequest) request).getRequest();
    ProblemCode code = ProblemCode.forStatus(status.value());
    String detail = body instanceof ProblemDetail problem ? problem.getDetail() : null;
    List<FieldProblem> errors = List.of();
    if (ex instanceof MethodArgumentNotValidException invalid) {
      code = ProblemCode.VALIDATION_FAILED;
      errors = fieldErrors(invalid);
      detail = summary(errors);
    } else if (ex instanceof HandlerMethodValidationException invalid) {
      code = ProblemCode.VALIDATION_FAILED;
      errors = parameterErrors(invalid);
      detail = summary(errors);
    } else if (ex instanceof MissingServletRequestParameterException missing) {
      code = ProblemCode.VALIDATION_FAILED;
      errors = List.of(new FieldProblem(missing.getParameterName(), "is required"));
      detail = summary(errors);
    } else if (ex instanceof MissingRequestHeaderException missing) {
      code = ProblemCode.VALIDATION_FAILED;
      errors = List.of(new FieldProblem(missing.getHeaderName(), "header is required"));
      detail = summary(errors);
    } else if (ex instanceof TypeMismatchException mismatch) {
      code = ProblemCode.VALIDATION_FAILED;
      String name =
          mismatch instanceof MethodArgumentTypeMismatchException argument
              ? argument.getName()
              : mismatch.getPropertyName();
      errors = List.of(new FieldProblem(name, "is not a valid " + typeName(mismatch)));
      detail = summary(errors);
    } else if (ex instanceof HttpMessageNotReadableException unreadable) {
      return unreadable(unreadable, servletRequest);
    }
    if (code == ProblemCode.INTERNAL_ERROR) {
      LOG.error("{} {} failed", servletRequest.getMethod(), servletRequest.getRequestURI(), ex);
      detail = "The request could not be completed";
    }
    HttpHeaders answerHeaders = new HttpHeaders();
    answerHeaders.putAll(headers);
    answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (code == ProblemCode.SERVICE_UNAVAILABLE
        && !answerHeaders.containsHeader(HttpHeaders.RETRY_AFTER)) {
      answerHeaders.set(
          HttpHeaders.RETRY_AFTER, Problems.retryAfter(ApiProblem.UNAVAILABLE_RETRY_AFTER));
    }
    return ResponseEntity.status(code == ProblemCode.VALIDATION_FAILED ? code.status() : status)
        .headers(answerHeaders)
        .body(Problems.body(code, detail, Problems.instance(servletRequest), errors));
  }

  /**
   * A body that is not JSON is malformed; JSON whose values do not fit (a wrong type, an unknown
   * enum constant, a value a request record's constructor refuses) names the field.
   */
  private ResponseEntity<Object> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    if (cause(e, RequestBodyLimitFilter.BodyTooLargeException.class).isPresent()) {
      return Problems.entity(
          ProblemCode.PAYLOAD_TOO_LARGE, "The request body is too large", request, List.of());
    }
    Optional<DatabindException> databind = cause(e, DatabindException.class);
    if (databind.isPresent()) {
      DatabindException problem = databind.get();
      String field = path(problem);
      String message;
      if (problem instanceof ValueInstantiationException
          && problem.getCause() instanceof IllegalArgumentException invalid) {
        message = invalid.getMessage();
      } else if (problem instanceof MismatchedInputException mismatch
          && mismatch.getTargetType() != null) {
        message = expected(mismatch.getTargetType());
      } else {
        message = "is not valid";
      }
      return Problems.entity(
          ProblemCode.VALIDATION_FAILED,
          (field.isEmpty() ? "body" : field) + ": " + message,
          request,
          List.of(new FieldProblem(field.isEmpty() ? "body" : field, message)));
    }
    String detail =
        cause(e, JacksonException.class).isPresent()
            ? "The request body is not valid JSON"
            : "The request body is missing or cannot be read";
    return Problems.entity(ProblemCode.MALFORMED_REQUEST, detail, request, List.of());
  }

  private static String expected(Class<?> type) {
    if (type.isEnum()) {
      return "must be one of " + Arrays.toString(type.getEnumConstants());
    }
    return "must be a " + type.getSimpleName();
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static List<FieldProblem> fieldErrors(MethodArgumentNotValidException invalid) {
    List<FieldProblem> errors = new ArrayList<>();
    for (FieldError error : invalid.getBindingResult().getFieldErrors()) {
      errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
    }
    invalid
        .getBindingResult()
        .getGlobalErrors()
        .forEach(error -> errors.add(new FieldProblem("body", error.getDefaultMessage())));
    return errors;
  }

  private static List<FieldProblem> parameterErrors(HandlerMethodValidationException invalid) {
    List<FieldProblem> errors = new ArrayList<>();
    invalid
        .getParameterValidationResults()
        .forEach(
            result -> {
              MethodParameter parameter = result.getMethodParameter();
              // a body's fields are named as in the body, like MethodArgumentNotValidException's
              boolean body = parameter.hasParameterAnnotation(RequestBody.class);
              String name = headerOrParameterName(parameter);
              for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field =
                    error instanceof FieldError fieldError
                        ? (body ? fieldError.getField() : name + "." + fieldError.getField())
                        : body ? "body" : name;
                errors.add(new FieldProblem(field, error.getDefaultMessage()));
              }
            });
    return errors;
  }

  /** As the client wrote it: the header's or request parameter's name, else the Java name. */
  private static String headerOrParameterName(MethodParameter parameter) {
    RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
    if (header != null && !header.name().isEmpty()) {
      return header.name();
    }
    RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
    if (param != null && !param.name().isEmpty()) {
      return param.name();
    }
    return parameter.getParameterName();
  }

  private static String summary(List<FieldProblem> errors) {
    return errors.stream()
        .map(error -> error.field() + ": " + error.message())
        .reduce((a, b) -> a + "; " + b)
        .orElse("The request is not valid");
  }

  private static String typeName(TypeMismatchException mismatch) {
    Class<?> type = mismatch.getRequiredType();
    return type == null ? "value" : type.getSimpleName();
  }

  private static boolean fromApi(IllegalArgumentException e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith(API_PACKAGE);
  }

  private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return Optional.of(type.cast(cause));
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }
}
