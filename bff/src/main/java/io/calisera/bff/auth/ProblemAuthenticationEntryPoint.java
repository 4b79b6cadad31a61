package io.calisera.bff.auth;

import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 {@code UNAUTHENTICATED} as a problem, with the {@code WWW-Authenticate: Bearer} challenge of
 * RFC 6750 (which says why a token was refused).
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private final BearerTokenAuthenticationEntryPoint bearer =
      new BearerTokenAuthenticationEntryPoint();
  private final Problems problems;

  public ProblemAuthenticationEntryPoint(Problems problems) {
    this.problems = problems;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    bearer.commence(request, response, e);
    String detail =
        e instanceof InvalidBearerTokenException || request.getHeader("Authorization") != null
            ? "The access token is missing, malformed, expired or not Calisera's"
            : "This endpoint needs an access token or a login session";
    problems.write(request, response, ProblemCode.UNAUTHENTICATED, detail);
  }
}
