package io.calisera.bff.gateway;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * W3C Trace Context at the bff's door. Each request belongs to a trace: the one its {@code
 * traceparent} header names when that header is valid (W3C Trace Context level 1), else a new one;
 * the bff is a span of it, and answers {@code traceparent: 00-<trace id>-<its span id>-<flags>}.
 * While the request is handled the trace id is in the logging context ({@link #TRACE_ID} in the
 * MDC) and {@link CommandSender} sends it in each command's metadata under the same key, Axon's
 * trace key: the command side's {@code MessageOriginProvider} copies it into the metadata of every
 * event the command causes, and from there into whatever those events cause, so that the audit
 * shows on each event the HTTP request behind it.
 */
public final class TraceParent extends OncePerRequestFilter {

  public static final String HEADER = "traceparent";

  /** The key in the MDC and in message metadata. */
  public static final String TRACE_ID = "traceId";

  /** The MDC key of the bff's span. */
  public static final String SPAN_ID = "spanId";

  private static final Pattern VALID =
      Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_SPAN = "0".repeat(16);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Matcher> incoming = parse(request.getHeader(HEADER));
    String traceId = incoming.map(header -> header.group(2)).orElseGet(() -> randomHex(16));
    String flags = incoming.map(header -> header.group(4)).orElse("01");
    String spanId = randomHex(8);
    response.setHeader(HEADER, "00-" + traceId + "-" + spanId + "-" + flags);
    MDC.put(TRACE_ID, traceId);
    MDC.put(SPAN_ID, spanId);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(TRACE_ID);
      MDC.remove(SPAN_ID);
    }
  }

  /** The trace id of the request this thread handles. */
  public static Optional<String> currentTraceId() {
    return Optional.ofNullable(MDC.get(TRACE_ID));
  }

  /**
   * A {@code traceparent} the bff continues: lower-case hex fields, a version other than {@code ff}
   * (version {@code 00} without anything after the flags), neither id all zeros. Anything else is
   * ignored, and the request starts a new trace, as the recommendation says.
   */
  static Optional<Matcher> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher matcher = VALID.matcher(header.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String version = matcher.group(1);
    boolean valid =
        !version.equals("ff")
            && !(version.equals("00") && matcher.group(5) != null)
            && !matcher.group(2).equals(ZERO_TRACE)
            && !matcher.group(3).equals(ZERO_SPAN);
    return valid ? Optional.of(matcher) : Optional.empty();
  }

  private static String randomHex(int bytes) {
    byte[] id = new byte[bytes];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
