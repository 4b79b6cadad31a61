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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;

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
 * <p>The insights tab is not opened: the shared platform runs no analytics projector (another JVM
 * for the whole suite), and an insights request waits for it (read-your-writes) before it fails;
 * the endpoints and the chart are the bff's InsightsIT.
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
    LocalDate today = LocalDate.now(MACHINE.withZone(BERLIN));
    List<String> free = slots(providerId, serviceId, today, today.plusDays(6));
    assertThat(free).hasSizeGreaterThan(4);
    List<String> booked = new ArrayList<>();
    List<String> capabilities = new ArrayList<>();
    for (String who : List.of("carl", "dora", "emil")) {
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
        OffsetDateTime.parse(free.get(4)).atZoneSameInstant(BERLIN).toLocalDate().toString();
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
    button(browser.find("form.hours"), "Save hours").click();
    browser.await(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("p.news"), "Hours saved"));
    JsonNode hours = ok(200, api.get("/providers/" + providerId + "/availability", null));
    assertThat(hours.get("weekly").toString())
        .contains("{\"day\":\"SATURDAY\",\"start\":\"09:00\",\"end\":\"12:00\"}")
        .contains("{\"day\":\"SATURDAY\",\"start\":\"14:00\",\"end\":\"18:00\"}");
    assertThat(hours.get("overrides").toString())
        .isEqualTo("[{\"date\":\"" + closed + "\",\"intervals\":[]}]");
    assertThat(slots(providerId, serviceId, LocalDate.parse(closed), LocalDate.parse(closed)))
        .isEmpty();

    step("hours");
    // sign out: the session ends, the app asks to sign in again
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
