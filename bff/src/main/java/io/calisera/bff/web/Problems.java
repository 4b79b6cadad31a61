package io.calisera.bff.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * How every problem looks on the wire: RFC 9457 {@code application/problem+json} with {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}, {@code code} and, for validation
 * problems, {@code errors}. Used by the MVC exception handler and by the filters that answer before
 * MVC (authentication, access, body size, the error page).
 */
@Component
public class Problems {

  private final JsonMapper json;

  public Problems(JsonMapper json) {
    this.json = json;
  }

  /** The problem's body, in the order a reader expects. */
  public static Map<String, Object> body(
      ProblemCode code, String detail, String instance, List<FieldProblem> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", code.type());
    body.put("title", code.title());
    body.put("status", code.status().value());
    body.put("detail", detail == null || detail.isBlank() ? code.title() : detail);
    if (instance != null) {
      body.put("instance", instance);
    }
    body.put("code", code.name());
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    return body;
  }

  public static ResponseEntity<Object> entity(
      ProblemCode code, String detail, HttpServletRequest request, List<FieldProblem> errors) {
    return entity(new ApiProblem(code, detail, errors), request);
  }

  public static ResponseEntity<Object> entity(ApiProblem problem, HttpServletRequest request) {
    var answer =
        ResponseEntity.status(problem.code().status())
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    problem
        .retryAfter()
        .ifPresent(after -> answer.header(HttpHeaders.RETRY_AFTER, retryAfter(after)));
    return answer.body(body(problem.code(), problem.detail(), instance(request), problem.errors()));
  }

  /** {@code Retry-After} in whole seconds, rounded up, so that a client never retries early. */
  public static String retryAfter(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Long.toString(Math.max(1, seconds));
  }

  /** Writes the problem straight to the response, outside Spring MVC. */
  public void write(
      HttpServletRequest request, HttpServletResponse response, ProblemCode code, String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    new ApiProblem(code, detail)
        .retryAfter()
        .ifPresent(after -> response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter(after)));
    response.setStatus(code.status().value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), body(code, detail, instance(request), List.of()));
  }

  /**
   * The problem's {@code instance}: the path asked for, also when the container forwarded an error.
   */
  public static String instance(HttpServletRequest request) {
    if (request == null) {
      return null;
    }
    Object original = request.getAttribute("jakarta.servlet.error.request_uri");
    return original instanceof String uri ? uri : request.getRequestURI();
  }
}
