package io.calisera.bff.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request's query (and form) parameters before anything else does, and answers a
 * problem when Tomcat cannot: bytes that are not UTF-8 ({@code ?q=%FF}), a broken escape, too many
 * parameters. Tomcat decodes them on first use and throws {@link InvalidParameterException} there,
 * wherever that is (a Spring Security filter, an argument resolver), which would be a 500; it
 * throws only once and afterwards hands out what it could read, so the first use must be here.
 */
public class RequestParametersFilter extends OncePerRequestFilter {

  private final Problems problems;

  public RequestParametersFilter(Problems problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      request.getParameterMap();
    } catch (InvalidParameterException unreadable) {
      HttpStatus status = HttpStatus.resolve(unreadable.getErrorCode());
      problems.write(
          request,
          response,
          status != null && status.is4xxClientError()
              ? ProblemCode.forStatus(status.value())
              : ProblemCode.MALFORMED_REQUEST,
          "The query or form parameters cannot be read (percent-encoded UTF-8 expected)");
      return;
    }
    chain.doFilter(request, response);
  }
}
