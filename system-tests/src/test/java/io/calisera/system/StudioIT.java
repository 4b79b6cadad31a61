package io.calisera.system;

import static io.calisera.testing.ApiClient.booking;
import static io.calisera.testing.ApiClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.calisera.testing.ApiClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The providers' app ({@code /studio}) in headless Chromium at 390 by 844 against the running
 * platform: a new provider signs in (dev sign-in, the browser's cookie session), sets up a booking
 * page from nothing (name, zone, address checked as typed, first service, weekly hours), shares it
 * (the QR code decodes to the booking URL), sees customers' bookings appear on the agenda without a
 * reload, confirms one and moves it, declines another, cancels one with a reason, changes the hours
 * (several ranges, a closed date) and sees the customers' slots follow, signs out, installs
 * (manifest, service worker) and opens offline. Every screen passes axe-core without serious or
 * critical violations, fits 360 pixels, and leaves a screenshot in {@code target/screenshots}; the
 * studio's first load is printed.
 *
 * <p>Also: the phone's share sheet (a recording {@code navigator.share} installed before any page
 * loads) gets the booking link; the hours' preview shows the free times the customers then see; a
 * booking whose start passes during the test (a five-minute service booked at the first whole
 * minute a few seconds ahead, the way JourneyIT's pending booking is) is marked no-show once it has
 * begun; the insights tab shows the chart and the figures of the bookings made here.
 */
@Order(5) // before ReadYourWritesIT: its burst would slow every read here
@ExtendWith(SharedPlatform.class)
class StudioIT {

  /** The services run on the machine's clock, so the test plans by it too. */
  private static final Clock MACHINE = Clock.systemUTC();

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static ApiClient api;
  static long began;
  static int port;
  static String base;
  static Browser browser;

  @BeforeAll
  static void theBrowser(SharedPlatform.Running shared) {
    port = shared.platform().process("bff-1").httpPort();
    api = ApiClient.onPort(port);
    base = "http://localhost:" + port;
    browser = new Browser();
    browser.timeZone("Europe/Berlin");
    // a phone's share sheet that records what it was given (headless Chromium has none)
    browser.driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "Object.defineProperty(navigator, 'share', { configurable: true, value: (data) => {"
                + " window.shared = (window.shared || []).concat([data]);"
                + " return Promise.resolve(); } });"));
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aNewProviderPublishesAPageSharesItAndRunsTheAgenda() throws Exception {
    String token = UUID.randomUUID().toString().substring(0, 8);
    String name = "Barber Studio " + token;
    String slug = "barber-" + token;

    began = System.nanoTime();
    // sign in
    long firstLoad = browser.firstLoad("studio", base + "/studio");
    assertThat(firstLoad).as("the studio's first load").isLessThan(100 * 1024);
    WebElement signIn = browser.await(visible("form.card button[type=submit]"));
    browser.check("studio-sign-in");
    browser.find("input[name=name]").sendKeys("Bea Barber");
    browser.find("input[name=email]").sendKeys("bea-" + token + "@example.com");
    signIn.click();

    step("signed in");
    // 1. the booking page: name, zone (the browser's), an address checked as it is typed
    browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Your booking page"));
    assertThat(browser.find("select[name=timeZone]").getAttribute("value"))
        .isEqualTo("Europe/Berlin");
    browser.find("input[name=displayName]").sendKeys(name);
    browser.find("input[name=slug]").sendKeys("x");
    browser.await(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("input[name=slug] + .error"), "3 to 40"));
    browser.find("input[name=slug]").clear();
    browser.find("input[name=slug]").sendKeys(slug);
    browser.await(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("input[name=slug] + .error"), slug + " is free."));
    browser.find("input[name=city]").sendKeys("Leipzig");
    browser.check("studio-onboarding-profile");
    browser.find("form.card button[type=submit]").click();

    step("profile");
    // 2. the first service: pending until the provider confirms
    browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "What can people book?"));
    browser.find("input[name=name]").sendKeys("Beard trim");
    browser.find("input[name=durationMinutes]").clear();
    browser.find("input[name=durationMinutes]").sendKeys("30");
    browser.find("input[name=amount]").sendKeys("18.50");
    browser.find("input[name=requiresConfirmation]").click();
    browser.check("studio-onboarding-service");
    browser.find("form.card button[type=submit]").click();

    step("service");
    // 3. weekly hours: Monday to Friday 09:00-17:00 unless changed; publish
    browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "When do you work?"));
    browser.check("studio-onboarding-hours");
    browser.find("form.card > button[type=submit]").click();

    step("published");
    // share: the link, the QR code that decodes to it
    browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Share your booking page"));
    String bookingUrl = base + "/p/" + slug;
    assertThat(browser.find("#booking-link").getAttribute("value")).isEqualTo(bookingUrl);
    loaded("#qr");
    browser.check("studio-share");
    String png = browser.find("a[download$='.png']").getAttribute("href");
    assertThat(decodeQr(png)).isEqualTo(bookingUrl);
    String svg = browser.find("a[download$='.svg']").getAttribute("href");
    assertThat(bytes(svg).length).isGreaterThan(100);
    browser.find("#share-sheet").click();
    assertThat(browser.driver.executeScript("return window.shared"))
        .asList()
        .singleElement()
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("title", name)
        .containsEntry("url", bookingUrl);
    JsonNode page = ok(200, api.get("/providers/" + slug, null));
    String providerId = page.get("providerId").asText();
    String serviceId = page.get("services").get(0).get("serviceId").asText();
    assertThat(page.get("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(page.get("services").get(0).get("requiresConfirmation").asBoolean()).isTrue();

    step("shared");
    // the agenda of the week, empty; customers book; their bookings appear without a reload
    browser.find("a[data-tab=agenda]").click();
    browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Today"));
    browser.find("button[aria-pressed=false]").click();
    browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "This week"));
    browser.await(visible("#agenda .empty"));
    browser.driver.executeScript("window.sameDocument = true");
    String owner = api.devLogin("bea-" + token + "@example.com", "Bea Barber");
    Quick quick = aBookingStartingInAMinute(owner, providerId);
    LocalDate today = LocalDate.now(MACHINE.withZone(BERLIN));
    // the beard trims on other dates than the quick booking's hour
    List<String> free =
        slots(providerId, serviceId, today, today.plusDays(6)).stream()
            .filter(start -> !start.startsWith(quick.window().substring(0, 10)))
            .toList();
    assertThat(free).hasSizeGreaterThan(4);
    List<String> booked = new ArrayList<>();
    List<String> capabilities = new ArrayList<>();
    // carl books on the booking page, in another tab; dora and emil through the API
    String carl = bookOnTheBookingPage(slug, serviceId, free.get(0), "carl");
    booked.add(carl.substring(0, carl.lastIndexOf('.')));
    capabilities.add(carl);
    for (String who : List.of("dora", "emil")) {
      JsonNode made =
          ok(
              201,
              api.post(
                  "/bookings", null, booking(providerId, serviceId, free.get(booked.size()), who)));
      assertThat(made.get("status").asText()).isEqualTo("PENDING");
      booked.add(made.get("bookingId").asText());
      String manage = made.get("manageUrl").asText();
      capabilities.add(manage.substring(manage.lastIndexOf('/') + 1));
    }
    for (String id : booked) {
      browser.await(visible("#booking-" + id));
    }
    browser.await(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#booking-" + quick.bookingId() + " h3"), "Quick check"));
    assertThat(browser.driver.executeScript("return window.sameDocument")).isEqualTo(true);
    browser.check("studio-agenda");

    step("bookings live");
    // confirm carl, decline dora, cancel emil with a reason
    click(booked.get(0), "Confirm");
    awaitStatus(booked.get(0), "Confirmed");
    // move carl to the last free time of that day
    click(booked.get(0), "Move…");
    String moving = "#booking-" + booked.get(0) + " .move-times label";
    browser.await(visible(moving));
    List<WebElement> labels = browser.all(moving);
    WebElement last = labels.get(labels.size() - 1);
    String movedTo = browser.find("#" + last.getAttribute("for")).getAttribute("value");
    String movedAt = last.getText();
    last.click();
    browser.check("studio-agenda-move");
    click(booked.get(0), "Move booking");
    browser.await(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("p.news"), "Moved: A carl at " + movedAt));
    JsonNode moved = api.bookingWithCapability(booked.get(0), capabilities.get(0));
    assertThat(OffsetDateTime.parse(moved.get("start").asText()).toInstant())
        .isEqualTo(OffsetDateTime.parse(movedTo).toInstant());
    click(booked.get(1), "Decline");
    awaitStatus(booked.get(1), "Declined");
    click(booked.get(2), "Cancel…");
    browser.find("#reason-" + booked.get(2)).sendKeys("Ill today, sorry");
    browser.check("studio-agenda-cancel");
    click(booked.get(2), "Cancel booking");
    awaitStatus(booked.get(2), "Cancelled");
    browser.check("studio-agenda-answered");
    assertThat(status(booked.get(0), capabilities.get(0))).isEqualTo("CONFIRMED");
    assertThat(status(booked.get(1), capabilities.get(1))).isEqualTo("DECLINED");
    assertThat(status(booked.get(2), capabilities.get(2))).isEqualTo("CANCELLED");

    step("answered");
    // setup: Saturday gets two ranges, the date of a free slot is closed; customers see it
    browser.find("a[data-tab=setup]").click();
    browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Setup"));
    browser.check("studio-setup");
    String closed =
        OffsetDateTime.parse(free.get(free.size() - 1))
            .atZoneSameInstant(BERLIN)
            .toLocalDate()
            .toString();
    assertThat(slots(providerId, serviceId, LocalDate.parse(closed), LocalDate.parse(closed)))
        .isNotEmpty();
    WebElement saturday = browser.find("fieldset.day[data-key=SATURDAY]");
    button(saturday, "Add hours on Saturday").click();
    button(saturday, "Add hours on Saturday").click();
    List<WebElement> times = saturday.findElements(By.cssSelector("input[type=time]"));
    setValue(times.get(1), "12:00");
    setValue(times.get(2), "14:00");
    setValue(times.get(3), "18:00");
    setValue(browser.find("input[name=overrideDate]"), closed);
    button(browser.find("form.hours"), "Add a date").click();
    browser.await(visible("fieldset.day[data-key='date:" + closed + "']"));
    browser.check("studio-setup-hours");
    // the preview: the free times of these hours before they are saved, of a week from tomorrow
    // (so that no slot of today's passes between the preview and the customers' look)
    LocalDate week =
        LocalDate.parse(browser.find("input[name=previewFrom]").getAttribute("value")).plusDays(1);
    setValue(browser.find("input[name=previewFrom]"), week.toString());
    new Select(browser.find("select[name=previewService]")).selectByValue(serviceId);
    List<String> before = slots(providerId, serviceId, week, week.plusDays(6));
    button(browser.find("form.hours"), "Preview free times").click();
    browser.await(visible("#slot-preview li[data-date='" + closed + "']"));
    List<String> previewed =
        browser.all("#slot-preview time").stream().map(t -> t.getAttribute("datetime")).toList();
    assertThat(browser.find("#slot-preview li[data-date='" + closed + "']").getText())
        .endsWith("No free times");
    assertThat(before).anyMatch(start -> start.startsWith(closed));
    assertThat(previewed).noneMatch(start -> start.startsWith(closed)).isNotEqualTo(before);
    assertThat(slots(providerId, serviceId, week, week.plusDays(6)))
        .as("nothing saved yet")
        .isEqualTo(before);
    browser.driver.executeScript(
        "document.getElementById('slot-preview').scrollIntoView({block: 'end'})");
    browser.check("studio-setup-preview");
    button(browser.find("form.hours"), "Save hours").click();
    browser.await(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("p.news"), "Hours saved"));
    JsonNode hours = ok(200, api.get("/providers/" + providerId + "/availability", null));
    assertThat(hours.get("weekly").toString())
        .contains("{\"day\":\"SATURDAY\",\"start\":\"09:00\",\"end\":\"12:00\"}")
        .contains("{\"day\":\"SATURDAY\",\"start\":\"14:00\",\"end\":\"18:00\"}");
    assertThat(hours.get("overrides").toString())
        .contains("{\"date\":\"" + closed + "\",\"intervals\":[]}")
        .contains("{\"date\":\"" + quick.window() + "}");
    assertThat(slots(providerId, serviceId, LocalDate.parse(closed), LocalDate.parse(closed)))
        .isEmpty();
    assertThat(slots(providerId, serviceId, week, week.plusDays(6)))
        .as("the customers' slots are the preview's")
        .isEqualTo(previewed);

    step("hours");
    // the quick booking has begun: completed or no-show instead of confirm and move
    browser.find("a[data-tab=agenda]").click();
    browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "This week"));
    try {
      new WebDriverWait(
              browser.driver,
              Duration.between(Instant.now(MACHINE), quick.start()).plusSeconds(15),
              Duration.ofMillis(200))
          .ignoring(StaleElementReferenceException.class)
          .until(d -> button(browser.find("#booking-" + quick.bookingId()), "No-show"));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "No no-show for the booking at "
              + quick.start()
              + "; the browser's time "
              + browser.driver.executeScript("return new Date().toISOString()")
              + ", its agenda: "
              + browser.find("#agenda").getText(),
          e);
    }
    step("the quick booking began");
    assertThat(button(browser.find("#booking-" + quick.bookingId()), "Completed").isDisplayed())
        .isTrue();
    browser.check("studio-agenda-begun");
    click(quick.bookingId(), "No-show");
    awaitStatus(quick.bookingId(), "No-show");
    assertThat(ok(200, api.get("/bookings/" + quick.bookingId(), owner)).get("status").asText())
        .isEqualTo("NO_SHOW");

    step("no-show");
    // insights: the last 30 days' chart and figures, the bookings made here among them
    browser.find("a[data-tab=insights]").click();
    browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Insights"));
    browser.await(visible("dl.figures"));
    loaded("img.chart");
    LocalDate to = LocalDate.now(MACHINE.withZone(BERLIN));
    LocalDate from = to.minusDays(29);
    List<Instant> starts =
        List.of(
            quick.start(),
            OffsetDateTime.parse(movedTo).toInstant(),
            OffsetDateTime.parse(free.get(1)).toInstant(),
            OffsetDateTime.parse(free.get(2)).toInstant());
    long inRange =
        starts.stream()
            .map(start -> start.atZone(BERLIN).toLocalDate())
            .filter(date -> !date.isBefore(from) && !date.isAfter(to))
            .count();
    JsonNode insights =
        ok(
            200,
            api.get("/providers/" + providerId + "/insights?from=" + from + "&to=" + to, owner));
    assertThat(insights.get("bookings").asLong()).isEqualTo(inRange);
    assertThat(figure("Bookings")).isEqualTo(inRange + " (before: 0)");
    assertThat(figure("No-shows"))
        .isEqualTo(starts.get(0).atZone(BERLIN).toLocalDate().isAfter(to) ? "0" : "1");
    browser.check("studio-insights");

    step("insights");
    // sign out (under Setup): the session ends, the app asks to sign in again
    browser.find("a[data-tab=setup]").click();
    browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Setup"));
    button(browser.find("main"), "Sign out").click();
    browser.await(visible("input[name=email]"));
    assertThat(
            browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/v1/me').then(r => done(r.status));"))
        .isEqualTo(401L);

    // installable, and offline the shell opens and says so
    assertThat(
            (Boolean)
                browser.driver.executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + "navigator.serviceWorker.ready.then(() => done(true));"))
        .isTrue();
    offline();
  }

  /**
   * The app from a second address that the test can take off the network (a forwarder to the bff it
   * closes): the service worker of that origin answers with the shell, which says it is offline.
   */
  private void offline() throws Exception {
    try (Forwarder forwarder = new Forwarder(port)) {
      String app = "http://localhost:" + forwarder.port() + "/studio";
      browser.open(app);
      browser.await(visible("input[name=email]"));
      browser.driver.executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
              + "navigator.serviceWorker.ready.then(() => done(true));");
      forwarder.close();
      browser.open(app);
      browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "You are offline"));
      assertThat(browser.find("#offline").isDisplayed()).isTrue();
      browser.check("studio-offline");
      step("offline");
    }
  }

  /** A booking of the provider's five-minute service, its start and the date's window it opened. */
  private record Quick(String bookingId, Instant start, String window) {}

  /**
   * A customer books {@code start} of the service on the provider's booking page, in a tab of its
   * own, as a guest; the studio's tab is shown again afterwards. Returns the booking's capability
   * (its id, a dot, the signature), read from the confirmation's manage link.
   */
  private static String bookOnTheBookingPage(
      String slug, String serviceId, String start, String name) {
    String studio = browser.driver.getWindowHandle();
    browser.driver.switchTo().newWindow(WindowType.TAB);
    String date = OffsetDateTime.parse(start).atZoneSameInstant(BERLIN).toLocalDate().toString();
    // (a new tab has neither the phone's width nor its zone: the page is checked by WebPagesIT)
    browser.open(
        base + "/p/" + slug + "?service=" + serviceId + "&date=" + date + "&tz=Europe/Berlin");
    // the slot list is redrawn once the live slots stream is on: pick from that one
    browser.await(d -> "on".equals(browser.find("#book").getAttribute("data-live")));
    Instant at = OffsetDateTime.parse(start).toInstant();
    WebElement slot =
        browser.all("ul.slots input").stream()
            .filter(
                input -> OffsetDateTime.parse(input.getAttribute("value")).toInstant().equals(at))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the booking page offers no " + start));
    browser.find("label[for=" + slot.getAttribute("id") + "]").click();
    browser.find("#name").sendKeys("A " + name);
    browser.find("#email").sendKeys(name.toLowerCase() + "@example.com");
    browser.find("#book-button").click();
    browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
    String manage = browser.find("#manage-link").getAttribute("href");
    browser.driver.close();
    browser.driver.switchTo().window(studio);
    return manage.substring(manage.lastIndexOf('/') + 1);
  }

  /**
   * A "Quick check" of five minutes, booked (confirmed at once) at the first whole minute at least
   * 3 s ahead: the owner opens that date at that minute for an hour (a date's own hours, the weekly
   * ones kept) and a customer books it at once, the next minute if that one went by meanwhile.
   */
  private static Quick aBookingStartingInAMinute(String owner, String providerId) {
    String customer = api.devLogin("quinn-" + UUID.randomUUID() + "@example.com", "Quinn");
    String serviceId =
        ok(
                201,
                api.post(
                    "/providers/" + providerId + "/services",
                    owner,
                    "{\"name\":\"Quick check\",\"durationMinutes\":5}"))
            .get("serviceId")
            .asText();
    String weekly =
        Stream.of(
                DayOfWeek.MONDAY,
                DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)
            .map(day -> ApiClient.hours(day, "09:00", "17:00"))
            .collect(Collectors.joining(","));
    Instant start;
    String window;
    ApiClient.Answer placed;
    do {
      start = Instant.now(MACHINE).plusSeconds(3 + 59).truncatedTo(ChronoUnit.MINUTES);
      ZonedDateTime at = start.atZone(BERLIN);
      window =
          at.toLocalDate()
              + "\",\"intervals\":[{\"start\":\""
              + at.toLocalTime()
              + "\",\"end\":\""
              + at.toLocalTime().plusHours(1)
              + "\"}]";
      ok(
          200,
          api.put(
              "/providers/" + providerId + "/availability",
              owner,
              "{\"weekly\":[" + weekly + "],\"overrides\":[{\"date\":\"" + window + "}]}"));
      placed =
          api.post(
              "/bookings", customer, booking(providerId, serviceId, start.toString(), "quinn"));
      // 422: the minute went by while the hours were set
    } while (placed.status() == 422 && !start.isAfter(Instant.now(MACHINE)));
    JsonNode made = ok(201, placed);
    assertThat(made.get("status").asText()).isEqualTo("CONFIRMED");
    return new Quick(made.get("bookingId").asText(), start, window);
  }

  /** The insights tab's figure of that name, as shown. */
  private static String figure(String name) {
    return browser
        .find("dl.figures")
        .findElement(By.xpath("./dt[normalize-space()='" + name + "']/following-sibling::dd[1]"))
        .getText();
  }

  private static ExpectedCondition<WebElement> visible(String css) {
    return ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css));
  }

  /** Prints how long the test has run when it reaches {@code step}: where its time goes. */
  private static void step(String step) {
    System.out.printf("StudioIT: %s at %.1f s%n", step, (System.nanoTime() - began) / 1e9);
  }

  /** Waits until the image has loaded (an image that failed has no natural width). */
  private static void loaded(String css) {
    browser.await(
        d ->
            (Boolean)
                browser.driver.executeScript(
                    "const i = document.querySelector(arguments[0]);"
                        + " return i.complete && i.naturalWidth > 0",
                    css));
  }

  /** Clicks a booking's button; the agenda redraws live, so a button found may be gone. */
  private static void click(String bookingId, String text) {
    browser.await(
        d -> {
          button(browser.find("#booking-" + bookingId), text).click();
          return true;
        });
  }

  private static WebElement button(WebElement within, String text) {
    return within.findElement(
        By.xpath(".//button[normalize-space()='" + text + "' or @aria-label='" + text + "']"));
  }

  private static void awaitStatus(String bookingId, String status) {
    browser.await(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#booking-" + bookingId + " .status"), status));
  }

  private static void setValue(WebElement input, String value) {
    browser.driver.executeScript("arguments[0].value = arguments[1]", input, value);
  }

  private static String status(String bookingId, String capability) {
    return api.bookingWithCapability(bookingId, capability).get("status").asText();
  }

  private static List<String> slots(
      String providerId, String serviceId, LocalDate from, LocalDate to) {
    return api.slotStarts(providerId, serviceId, from, to);
  }

  private static byte[] bytes(String url) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static String decodeQr(String url) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes(url)));
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return new QRCodeReader()
        .decode(
            new BinaryBitmap(
                new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
            Map.of(DecodeHintType.PURE_BARCODE, true))
        .getText();
  }

  /** Forwards a loopback port to the bff's until closed; closed, it refuses every connection. */
  private static final class Forwarder implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

    Forwarder(int target) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(upstream);
                    pipe(client, upstream);
                    pipe(upstream, client);
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "studio-forwarder");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private static void pipe(Socket from, Socket to) {
      Thread copy =
          new Thread(
              () -> {
                try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                  in.transferTo(out);
                } catch (IOException gone) {
                  // the other side closed
                } finally {
                  try {
                    to.close();
                    from.close();
                  } catch (IOException ignored) {
                    // closing anyway
                  }
                }
              },
              "studio-forwarder-pipe");
      copy.setDaemon(true);
      copy.start();
    }

    @Override
    public void close() {
      try {
        server.close();
        for (Socket socket : sockets) {
          socket.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
