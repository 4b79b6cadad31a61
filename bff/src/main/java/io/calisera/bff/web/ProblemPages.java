package io.calisera.bff.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.ResponseEntity;

/**
 * The web pages' answer to a problem, for a browser that asked for a page: {@link
 * ApiExceptionHandler} asks it first and answers problem JSON when it has none (API clients, and
 * every problem the pages do not turn into a page).
 */
public interface ProblemPages {

  /** A page that says what happened and what to do, or empty: answer problem JSON. */
  Optional<ResponseEntity<Object>> page(ApiProblem problem, HttpServletRequest request);
}
