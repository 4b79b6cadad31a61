package io.calisera.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium as a phone shows a page: Debian's {@code /usr/bin/chromium} driven through its
 * {@code /usr/bin/chromedriver} ({@code .ci/run} installs both when missing; nothing is downloaded:
 * {@code SE_OFFLINE}), a window of 390 by 844 CSS pixels. It checks each page with axe-core
 * (bundled in its jar), keeps a screenshot of it in {@code target/screenshots}, and weighs what the
 * page loaded.
 */
final class Browser implements AutoCloseable {

  static final int WIDTH = 390;
  static final int HEIGHT = 844;

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  final Path downloads;

  Browser() {
    try {
      downloads = Files.createTempDirectory("chromium-downloads");
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                new File(binary("CALISERA_CHROMEDRIVER", "/usr/bin/chromedriver")))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary("CALISERA_CHROMIUM", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        // root in a container has no user namespace for the sandbox
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--lang=en-GB",
        "--window-size=" + WIDTH + "," + HEIGHT);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toAbsolutePath().toString(),
            "download.prompt_for_download",
            false));
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    // a headless window is at least 500 pixels wide: the phone's viewport is emulated
    viewport(WIDTH);
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
  }

  private static String binary(String variable, String debian) {
    String named = System.getenv(variable);
    String path = named == null || named.isBlank() ? debian : named;
    if (!Files.isExecutable(Path.of(path))) {
      throw new IllegalStateException(
          "No "
              + path
              + ": install Debian's chromium and chromium-driver (.ci/run does) or set "
              + variable);
    }
    return path;
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  <T> T await(ExpectedCondition<T> condition) {
    // polled every 100 ms (Selenium's default 500 ms adds up to half a second to every step)
    return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** Sets the browser's time zone as a visitor's system would ({@code null}: the machine's). */
  void timeZone(String zone) {
    driver.executeCdpCommand(
        "Emulation.setTimezoneOverride", Map.of("timezoneId", zone == null ? "" : zone));
  }

  /**
   * The page as it is now: no serious or critical axe-core violation, no horizontal scrolling at
   * 390 nor at 360 pixels, and its screenshot at 390 by 844 in {@code target/screenshots/name.png}.
   */
  void check(String name) {
    Results results = new AxeBuilder().analyze(driver);
    System.out.printf(
        "%s: axe-core passed %d rules; violations %s%n",
        name,
        results.getPasses().size(),
        results.getViolations().stream()
            .map(rule -> rule.getId() + " (" + rule.getImpact() + ")")
            .toList());
    List<Rule> grave =
        results.getViolations().stream()
            .filter(rule -> List.of("serious", "critical").contains(rule.getImpact()))
            .toList();
    assertThat(grave)
        .as(
            "serious or critical axe-core violations on %s: %s",
            name,
            grave.stream()
                .map(
                    rule ->
                        rule.getId()
                            + " ("
                            + rule.getHelp()
                            + ") at "
                            + rule.getNodes().stream()
                                .map(node -> String.valueOf(node.getTarget()))
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")))
        .isEmpty();
    assertThat(scrollWidth())
        .as("%s is wider than the window at %d px", name, WIDTH)
        .isLessThanOrEqualTo(WIDTH);
    viewport(360);
    try {
      assertThat(scrollWidth())
          .as("%s is wider than the window at 360 px", name)
          .isLessThanOrEqualTo(360);
    } finally {
      viewport(WIDTH);
    }
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A phone's viewport {@code width} CSS pixels wide and {@link #HEIGHT} high. */
  private void viewport(int width) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", true));
  }

  private long scrollWidth() {
    return ((Number)
            driver.executeScript(
                "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"))
        .longValue();
  }

  /**
   * Opens {@code url} as a first visit (nothing in the browser's cache) and prints what it loaded:
   * compressed bytes of HTML, CSS, JS and fonts. Answers their sum.
   */
  long firstLoad(String name, String url) {
    // the HTML as a first visit receives it
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    Map<String, Long> weight;
    try {
      open(url);
      weight = weight();
    } finally {
      driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
    }
    long sum =
        weight.entrySet().stream()
            .filter(e -> List.of("html", "css", "js", "font").contains(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    System.out.printf("%s: first load %d bytes compressed %s%n", name, sum, weight);
    return sum;
  }

  /**
   * What the page loads, compressed bytes by kind: its HTML as the browser received it, and every
   * style sheet, script and module it imports (found in the page and in the scripts, so that none
   * is missed because a cache served it) as the server sends it gzip-compressed to a browser.
   */
  @SuppressWarnings("unchecked")
  Map<String, Long> weight() {
    Map<String, Long> weight = new TreeMap<>();
    weight.put(
        "html",
        ((Number)
                driver.executeScript(
                    "return performance.getEntriesByType('navigation')[0].encodedBodySize"))
            .longValue());
    Deque<URI> assets = new ArrayDeque<>();
    ((List<String>)
            driver.executeScript(
                "return [...document.querySelectorAll('link[rel=stylesheet][href], script[src]')]"
                    + ".map(e => e.href || e.src)"))
        .forEach(url -> assets.add(URI.create(url)));
    Set<URI> seen = new HashSet<>();
    while (!assets.isEmpty()) {
      URI asset = assets.pop();
      if (!seen.add(asset)) {
        continue;
      }
      byte[] compressed = gzipped(asset);
      String path = asset.getPath();
      String kind = path.endsWith(".css") ? "css" : path.endsWith(".js") ? "js" : "font";
      weight.merge(kind, (long) compressed.length, Long::sum);
      if (kind.equals("js")) {
        Matcher imports = IMPORT.matcher(gunzipped(compressed));
        while (imports.find()) {
          assets.add(asset.resolve(imports.group(1)));
        }
      }
    }
    return weight;
  }

  private static final Pattern IMPORT = Pattern.compile("from\\s+'([^']+)'");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static byte[] gzipped(URI asset) {
    try {
      HttpResponse<byte[]> response =
          HTTP.send(
              HttpRequest.newBuilder(asset).header("Accept-Encoding", "gzip").build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as("%s", asset).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Encoding"))
          .as("%s travels compressed", asset)
          .contains("gzip");
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String gunzipped(byte[] compressed) {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
