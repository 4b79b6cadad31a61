package io.calisera.bff.pages;

import io.calisera.bff.BffProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The web pages' HTML: escaping, the one layout every page shares, and the answer with the pages'
 * security headers. The Content-Security-Policy allows nothing but the platform's own files: no
 * inline script or style, no other origin.
 */
final class Html {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none';"
          + " object-src 'none'";

  private Html() {}

  /** {@code text} safe inside an element or a quoted attribute. */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A button to the web login of each identity provider that has one. */
  static List<String> webLoginButtons(BffProperties properties) {
    return properties.auth().providers().entrySet().stream()
        .filter(provider -> provider.getValue().hasWebLogin())
        .map(
            provider ->
                "<a class=\"button\" href=\"/oauth2/authorization/"
                    + esc(provider.getKey())
                    + "\">Sign in with "
                    + esc(provider.getKey())
                    + "</a>")
        .toList();
  }

  /**
   * A whole page: {@code title} (escaped here), {@code main} (HTML), and the page's script module
   * under {@code /assets/} (null: none).
   */
  static String page(String title, String main, String script) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + esc(title)
        + " · Calisera</title>"
        + "<link rel=\"stylesheet\" href=\"/assets/calisera.css\">"
        + (script == null ? "" : "<script type=\"module\" src=\"/assets/" + script + "\"></script>")
        + "</head><body><header class=\"bar\"><a class=\"brand\" href=\"/\">Calisera</a>"
        + "<a class=\"account\" href=\"/account\">My bookings</a></header>"
        + "<main id=\"main\">"
        + main
        + "</main></body></html>";
  }

  /** The answer with the pages' headers; {@code referrerPolicy} e.g. {@code no-referrer}. */
  static ResponseEntity<String> answer(HttpStatus status, String html, String referrerPolicy) {
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("Referrer-Policy", referrerPolicy)
        .header("X-Content-Type-Options", "nosniff")
        .body(html);
  }

  /** A page that says what went wrong and where to go from here. */
  static ResponseEntity<String> problem(
      HttpStatus status, String heading, String explanation, String referrerPolicy) {
    return answer(
        status,
        page(
            heading,
            "<h1>"
                + esc(heading)
                + "</h1><p>"
                + esc(explanation)
                + "</p><p><a href=\"/\">Find a provider</a></p>",
            null),
        referrerPolicy);
  }
}
