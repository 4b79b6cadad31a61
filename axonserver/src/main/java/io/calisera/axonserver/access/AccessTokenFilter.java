package io.calisera.axonserver.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every HTTP endpoint but the health check wants, in the {@code AxonIQ-Access-Token} header, the
 * token of an application with the {@link Right#MONITOR} right ({@code /v1/integrity}: {@link
 * Right#VERIFY_INTEGRITY}, which monitor includes): 401 without a token, 403 with one the hub does
 * not know or one without the right.
 */
public final class AccessTokenFilter extends OncePerRequestFilter {

  private static final String HEADER = "AxonIQ-Access-Token";

  private final Applications applications;

  public AccessTokenFilter(Applications applications) {
    this.applications = applications;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    if (presented == null || presented.isEmpty()) {
      problem(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          "Access token missing",
          "Send the token of an application with the monitor right in the " + HEADER + " header.");
      return;
    }
    Optional<Application> caller = applications.authenticate(presented);
    if (caller.isEmpty()) {
      problem(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Invalid access token",
          "The " + HEADER + " header does not hold the token of an application of this hub.");
    } else if (!caller.get().may(needed(request))) {
      problem(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Not allowed",
          "Application '"
              + caller.get().name()
              + "' does not have the "
              + needed(request).wireName()
              + " right.");
    } else {
      chain.doFilter(request, response);
    }
  }

  private static Right needed(HttpServletRequest request) {
    return request.getRequestURI().equals("/v1/integrity") ? Right.VERIFY_INTEGRITY : Right.MONITOR;
  }

  private static void problem(HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}");
  }
}
