package io.calisera.bff.pages;

import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.ProblemPages;
import io.calisera.bff.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * A rate limit's 429 as a page, for a browser that asked for HTML (the directory's search, the dev
 * sign-in's form, an API address opened in the browser): it says how long to wait, and carries
 * {@code Retry-After} like the problem. A client that prefers JSON, or names no HTML in {@code
 * Accept} ({@code *}{@code /*}), gets the problem JSON.
 */
@Component
class TooManyRequestsPage implements ProblemPages {

  @Override
  public Optional<ResponseEntity<Object>> page(ApiProblem problem, HttpServletRequest request) {
    if (problem.code() != ProblemCode.TOO_MANY_REQUESTS || !asksForHtml(request)) {
      return Optional.empty();
    }
    Duration wait = problem.retryAfter().orElse(Duration.ofMinutes(1));
    String seconds = Problems.retryAfter(wait);
    ResponseEntity<String> page =
        Html.problem(
            HttpStatus.TOO_MANY_REQUESTS,
            "Please wait a moment",
            "So many requests came from your network in a short time that this one was not"
                + " answered. Please wait "
                + inWords(Long.parseLong(seconds))
                + ", then try again.",
            PageController.SAME_ORIGIN);
    return Optional.of(
        ResponseEntity.status(page.getStatusCode())
            .headers(page.getHeaders())
            .header(HttpHeaders.RETRY_AFTER, seconds)
            .body(page.getBody()));
  }

  /**
   * Whether {@code Accept} names HTML and prefers it to JSON, as a browser navigating does ({@code
   * text/html,...,*}{@code /*;q=0.8}) and the pages' own scripts do not ({@code application/json}).
   */
  static boolean asksForHtml(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (accept == null || accept.isBlank()) {
      return false;
    }
    List<MediaType> accepted;
    try {
      accepted = MediaType.parseMediaTypes(accept);
    } catch (InvalidMediaTypeException unreadable) {
      return false;
    }
    double html = quality(accepted, MediaType.TEXT_HTML);
    double json =
        Math.max(
            quality(accepted, MediaType.APPLICATION_JSON),
            quality(accepted, MediaType.APPLICATION_PROBLEM_JSON));
    return html > 0 && html >= json;
  }

  /** The quality {@code accepted} names {@code type} with, exactly (wildcards do not count). */
  private static double quality(List<MediaType> accepted, MediaType type) {
    return accepted.stream()
        .filter(a -> a.getType().equals(type.getType()) && a.getSubtype().equals(type.getSubtype()))
        .mapToDouble(MediaType::getQualityValue)
        .max()
        .orElse(0);
  }

  /** "30 seconds", "1 minute", "about 4 minutes", "about 2 hours". */
  static String inWords(long seconds) {
    if (seconds < 60) {
      return seconds == 1 ? "1 second" : seconds + " seconds";
    }
    if (seconds == 60) {
      return "1 minute";
    }
    if (seconds < 3600) {
      return "about " + ((seconds + 59) / 60) + " minutes";
    }
    long hours = (seconds + 3599) / 3600;
    return hours == 1 ? "about 1 hour" : "about " + hours + " hours";
  }
}
