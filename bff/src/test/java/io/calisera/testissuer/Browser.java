package io.calisera.testissuer;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A browser's part in a login: an HTTP client that follows redirects and keeps cookies per host.
 * Like browsers, it sends {@code Secure} cookies to {@code http://localhost} (a secure context).
 */
public final class Browser {

  /** What a browser accepts when it navigates: providers show their login page only for HTML. */
  public static final String ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

  private Browser() {}

  public static HttpClient client(CookieJar cookies) {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .cookieHandler(cookies)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  public static HttpResponse<String> get(HttpClient client, String uri)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(uri))
            .header("Accept", ACCEPT)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Cookies by host (ports do not separate cookies), and every Set-Cookie header seen. */
  public static final class CookieJar extends CookieHandler {
    private final Map<String, Map<String, String>> byHost = new ConcurrentHashMap<>();
    private final List<String> setCookieHeaders = new ArrayList<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
      Map<String, String> cookies = byHost.getOrDefault(uri.getHost(), Map.of());
      if (cookies.isEmpty()) {
        return Map.of();
      }
      List<String> pairs = new ArrayList<>();
      cookies.forEach((name, value) -> pairs.add(name + "=" + value));
      return Map.of("Cookie", List.of(String.join("; ", pairs)));
    }

    @Override
    public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
      responseHeaders.forEach(
          (name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
              for (String header : values) {
                setCookieHeaders.add(header);
                String[] parts = header.split(";");
                String[] pair = parts[0].trim().split("=", 2);
                boolean expired =
                    header.toLowerCase(Locale.ROOT).contains("max-age=0")
                        || pair.length < 2
                        || pair[1].isEmpty();
                Map<String, String> cookies =
                    byHost.computeIfAbsent(uri.getHost(), h -> new LinkedHashMap<>());
                if (expired) {
                  cookies.remove(pair[0]);
                } else {
                  cookies.put(pair[0], pair[1]);
                }
              }
            }
          });
    }

    public String value(String host, String name) {
      return byHost.getOrDefault(host, Map.of()).get(name);
    }

    public Map<String, String> cookies(String host) {
      return Map.copyOf(byHost.getOrDefault(host, Map.of()));
    }

    public synchronized List<String> setCookieHeaders() {
      return List.copyOf(setCookieHeaders);
    }
  }
}
