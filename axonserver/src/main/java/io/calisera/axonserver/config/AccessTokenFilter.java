package io.calisera.axonserver.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When the hub has an access token, every HTTP endpoint but the health check requires it in the
 * {@code AxonIQ-Access-Token} header, like the gRPC API: 401 without it, 403 with a wrong one.
 */
@Component
class AccessTokenFilter extends OncePerRequestFilter {

  private static final String HEADER = "AxonIQ-Access-Token";

  private final byte[] token;

  AccessTokenFilter(HubProperties hub) {
    this.token =
        hub.accessControlEnabled() ? hub.accessToken().getBytes(StandardCharsets.UTF_8) : null;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return token == null || path.equals("/actuator/health") || path.startsWith("/actuator/health/");
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
          "Send the hub's access token in the " + HEADER + " header.");
    } else if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
      problem(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Invalid access token",
          "The " + HEADER + " header does not hold the hub's access token.");
    } else {
      chain.doFilter(request, response);
    }
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
