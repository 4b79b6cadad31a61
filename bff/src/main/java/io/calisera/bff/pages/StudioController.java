package io.calisera.bff.pages;

import io.calisera.bff.BffProperties;
import io.calisera.bff.auth.DevLoginCondition;
import io.calisera.bff.auth.Public;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The providers' app ({@code /studio}, docs/api.md "Web pages"): an installable web app that stands
 * in for a native one. The server sends one shell, the same for everyone (so that the service
 * worker can keep it for offline use); the shell's module ({@code studio.js}) signs in through the
 * browser's cookie session and does everything else through the public API, like a native app
 * would. The web app manifest and the service worker are served under {@code /studio} so that the
 * app's scope is {@code /studio}.
 */
@Controller
@Public
@Hidden
class StudioController {

  /** Where the service worker lives; {@code Service-Worker-Allowed} widens it to the app. */
  static final String SCOPE = "/studio";

  private final BffProperties properties;
  private final Environment environment;
  private final String serviceWorker;

  StudioController(BffProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
    this.serviceWorker = resource("/studio/sw.js");
  }

  @GetMapping(path = SCOPE, produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> shell() {
    String signIn = String.join("", Html.webLoginButtons(properties));
    String html =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<meta name=\"theme-color\" content=\"#12355b\">"
            + "<title>Studio · Calisera</title>"
            + "<link rel=\"manifest\" href=\"/studio/manifest.webmanifest\">"
            + "<link rel=\"icon\" href=\"/assets/studio-icon.svg\" type=\"image/svg+xml\">"
            + "<link rel=\"apple-touch-icon\" href=\"/assets/studio-192.png\">"
            + "<link rel=\"stylesheet\" href=\"/assets/calisera.css\">"
            + "<link rel=\"stylesheet\" href=\"/assets/studio.css\">"
            + "<script type=\"module\" src=\"/assets/studio.js\"></script>"
            + "</head><body class=\"studio\"><header class=\"bar\">"
            + "<a class=\"brand\" href=\"/studio\">Calisera Studio</a>"
            + "<span id=\"offline\" class=\"offline\" role=\"status\" hidden>Offline</span>"
            + "</header>"
            + "<nav id=\"tabs\" class=\"tabs\" aria-label=\"Studio\" hidden>"
            + "<a href=\"#agenda\" data-tab=\"agenda\">Agenda</a>"
            + "<a href=\"#share\" data-tab=\"share\">Share</a>"
            + "<a href=\"#setup\" data-tab=\"setup\">Setup</a>"
            + "<a href=\"#insights\" data-tab=\"insights\">Insights</a></nav>"
            + "<main id=\"main\">"
            + "<div id=\"app\" data-dev-sign-in=\""
            + DevLoginCondition.enabled(environment)
            + "\"><h1>Calisera Studio</h1><p>Loading…</p>"
            + (signIn.isEmpty() ? "" : "<template id=\"web-logins\">" + signIn + "</template>")
            + "</div><noscript><p>The studio needs JavaScript switched on in your browser.</p>"
            + "</noscript></main>"
            + "</body></html>";
    return Html.answer(HttpStatus.OK, html, "same-origin");
  }

  /** The web app manifest: installable from {@code /studio}, icons served by the platform. */
  @GetMapping(path = SCOPE + "/manifest.webmanifest", produces = "application/manifest+json")
  ResponseEntity<String> manifest() {
    String manifest =
        """
        {"name":"Calisera Studio","short_name":"Studio","description":\
        "Your bookings, hours and booking page","id":"/studio","start_url":"/studio",\
        "scope":"/studio","display":"standalone","background_color":"#f6f7f9",\
        "theme_color":"#12355b","icons":[\
        {"src":"/assets/studio-192.png","sizes":"192x192","type":"image/png"},\
        {"src":"/assets/studio-512.png","sizes":"512x512","type":"image/png"},\
        {"src":"/assets/studio-512.png","sizes":"512x512","type":"image/png","purpose":"maskable"},\
        {"src":"/assets/studio-icon.svg","sizes":"any","type":"image/svg+xml"}]}""";
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/manifest+json"))
        .cacheControl(CacheControl.noCache())
        .body(manifest);
  }

  /**
   * The service worker ({@code src/main/resources/studio/sw.js}): never cached by HTTP (browsers
   * check it for updates), allowed to control {@code /studio} though it lives below it.
   */
  @GetMapping(path = SCOPE + "/sw.js", produces = "text/javascript")
  ResponseEntity<String> serviceWorker() {
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noCache())
        .header("Service-Worker-Allowed", SCOPE)
        .header("X-Content-Type-Options", "nosniff")
        .body(serviceWorker);
  }

  private static String resource(String path) {
    try (InputStream in = StudioController.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("No " + path + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
