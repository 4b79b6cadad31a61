package io.calisera.bff.auth;

import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/** 403 {@code FORBIDDEN} as a problem: a role or owner check failed, or a CSRF token is missing. */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

  private final Problems problems;

  public ProblemAccessDeniedHandler(Problems problems) {
    this.problems = problems;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    String detail =
        e instanceof CsrfException
            ? "A browser session needs the X-XSRF-TOKEN header (the XSRF-TOKEN cookie's value)"
                + " on requests that change something"
            : "The caller may not do this";
    problems.write(request, response, ProblemCode.FORBIDDEN, detail);
  }
}
