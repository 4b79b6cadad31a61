package io.calisera.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
    return new WebDriverWait(driver, Duration.ofSeconds(15))
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
    // a cached resource (also the memory cache, which clearing the cache does not empty) leaves
    // no timing entry: nothing comes from a cache here
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    Map<String, Long> weight;
    try {
      open(url);
      // the page's modules were fetched before its load event
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

  /** What the page loaded, compressed bytes by kind (html, css, js, font, other). */
  @SuppressWarnings("unchecked")
  Map<String, Long> weight() {
    List<List<Object>> entries =
        (List<List<Object>>)
            driver.executeScript(
                "return [...performance.getEntriesByType('navigation'),"
                    + " ...performance.getEntriesByType('resource')]"
                    + ".map(e => [e.entryType, e.name, e.initiatorType, e.encodedBodySize])");
    return entries.stream()
        .collect(
            Collectors.groupingBy(
                entry -> kind(entry),
                java.util.TreeMap::new,
                Collectors.summingLong(entry -> ((Number) entry.get(3)).longValue())));
  }

  private static String kind(List<Object> entry) {
    String url = String.valueOf(entry.get(1)).replaceFirst("[?#].*", "");
    if ("navigation".equals(entry.get(0))) {
      return "html";
    }
    if (url.endsWith(".css")) {
      return "css";
    }
    if (url.endsWith(".js")) {
      return "js";
    }
    if (url.matches(".*\\.(woff2?|ttf|otf)$")) {
      return "font";
    }
    return "other (" + entry.get(2) + ")";
  }

  @Override
  public void close() {
    driver.quit();
  }
}
