package io.calisera.system;

import static io.calisera.testing.ApiClient.hours;
import static io.calisera.testing.ApiClient.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.calisera.testing.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The customers' web pages in headless Chromium at 390 by 844 against the running platform: find a
 * provider on {@code /} and book from its page as a guest, get the calendar file, see slots vanish
 * live, be told when the slot picked was taken, move and cancel from the manage link and, signed
 * in, from My bookings, and read a Berlin provider's times in Tokyo (also on the day Berlin springs
 * forward). Every page passes axe-core without serious or critical violations, fits 360 pixels, and
 * leaves a screenshot in {@code target/screenshots}; the booking page's weight is printed.
 */
@Order(4)
@ExtendWith(SharedPlatform.class)
class WebPagesIT {

  /** The services run on the machine's clock, so the test plans by it too. */
  private static final Clock MACHINE = Clock.systemUTC();

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter ICS =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  static ApiClient api;
  static String base;
  static Browser browser;
  static String name;
  static String slug;
  static String providerId;
  static String serviceId;
  static String strictServiceId;

  @BeforeAll
  static void aProviderInBerlin(SharedPlatform.Running shared) {
    int port = shared.platform().process("bff-1").httpPort();
    api = ApiClient.onPort(port);
    base = "http://localhost:" + port;
    String owner = api.devLogin("web-owner@example.com", "Web Owner");
    String token = UUID.randomUUID().toString().substring(0, 8);
    name = "Salon Zeitzone " + token;
    JsonNode created =
        ok(
            201,
            api.post(
                "/providers",
                owner,
                "{\"displayName\":\""
                    + name
                    + "\",\"timeZone\":\"Europe/Berlin\",\"category\":\"Hair\","
                    + "\"city\":\"Leipzig\",\"bio\":\"Cuts and colour in the old town.\"}"));
    providerId = created.get("providerId").asText();
    slug = created.get("slug").asText();
    assertThat(created.get("bookingUrl").asText()).isEqualTo(base + "/p/" + slug);
    serviceId =
        ok(
                201,
                api.post(
                    "/providers/" + providerId + "/services",
                    owner,
                    "{\"name\":\"Haircut\",\"durationMinutes\":30,\"maxDaysInAdvance\":200,"
                        + "\"price\":{\"amount\":\"35.00\",\"currency\":\"EUR\"}}"))
            .get("serviceId")
            .asText();
    // customers may change it only until 30 days before: every booking here is past that window
    strictServiceId =
        ok(
                201,
                api.post(
                    "/providers/" + providerId + "/services",
                    owner,
                    "{\"name\":\"Colour\",\"durationMinutes\":60,"
                        + "\"cancellationNoticeMinutes\":43200}"))
            .get("serviceId")
            .asText();
    ok(
        200,
        api.put(
            "/providers/" + providerId + "/availability",
            owner,
            "{\"weekly\":["
                + String.join(
                    ",",
                    Stream.of(DayOfWeek.values()).map(d -> hours(d, "09:00", "17:00")).toList())
                + "],\"overrides\":[]}"));
    browser = new Browser();
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void theMachinesZoneAgain() {
    browser.timeZone(null);
    browser.driver.executeCdpCommand("Fetch.disable", Map.of());
  }

  @Test
  void aGuestFindsTheProviderBooksAndGetsTheCalendarFile() throws IOException {
    browser.timeZone("Europe/Berlin");
    browser.firstLoad("directory", base + "/");
    browser.check("directory");
    browser.find("#q").sendKeys(name);
    browser.find("#city").sendKeys("Leipzig");
    browser.find("form.search button").click();
    WebElement result =
        browser.await(ExpectedConditions.elementToBeClickable(By.partialLinkText(name)));
    assertThat(browser.all("ul.providers li")).hasSize(1);
    browser.check("directory-results");
    result.click();

    browser.await(ExpectedConditions.urlContains("/p/" + slug));
    assertThat(browser.find("h1").getText()).isEqualTo(name);
    assertThat(browser.find("legend#slots-legend").getText()).contains("Europe/Berlin");
    // tomorrow in the date strip
    LocalDate tomorrow = LocalDate.now(MACHINE.withZone(BERLIN)).plusDays(1);
    browser.find(".dates li:nth-child(2) a").click();
    browser.await(ExpectedConditions.urlContains("date=" + tomorrow));
    // weighed as a first visit: nothing in the browser's cache
    long firstLoad = browser.firstLoad("booking page", browser.driver.getCurrentUrl());
    live();
    assertThat(firstLoad).as("the booking page's first load").isLessThan(100 * 1024);
    List<WebElement> slots = browser.all("ul.slots input");
    assertThat(slots).hasSize(16);
    assertThat(labels()).startsWith("09:00", "09:30").endsWith("16:30");
    browser.check("booking-page");

    // a wrong phone number: the API's words, and what to do
    browser.find("label[for=slot-2]").click();
    String start = slots.get(2).getAttribute("value");
    browser.find("#name").sendKeys("Gina Guest");
    browser.find("#email").sendKeys("gina@example.com");
    browser.find("#phone").sendKeys("12");
    browser.find("#book-button").click();
    WebElement phoneError =
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("phone-error")));
    assertThat(phoneError.getText()).contains("phone number").contains("country code");
    browser.check("booking-page-bad-phone");
    browser.find("#phone").clear();
    browser.find("#phone").sendKeys("+49 170 1234567");
    browser.find("#book-button").click();

    WebElement done = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
    assertThat(done.getText())
        .contains("Booked")
        .contains("Haircut with " + name)
        .contains("10:00–10:30");
    browser.check("booking-confirmation");
    String manageUrl = browser.find("#manage-link").getAttribute("href");
    assertThat(manageUrl).startsWith(base + "/manage/");
    String capability = manageUrl.substring(manageUrl.lastIndexOf('/') + 1);
    String bookingId = capability.substring(0, capability.lastIndexOf('.'));
    JsonNode booking = api.bookingWithCapability(bookingId, capability);
    Instant booked = OffsetDateTime.parse(booking.get("start").asText()).toInstant();
    assertThat(booked).isEqualTo(OffsetDateTime.parse(start).toInstant());
    assertThat(booking.get("customer").get("phone").asText()).isEqualTo("+491701234567");

    // the calendar file
    browser.find("a[download]").click();
    Path ics = browser.downloads.resolve("calisera-booking.ics");
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ics) && Files.size(ics) > 0);
    String calendar = Files.readString(ics).replace("\r\n ", "");
    assertThat(calendar)
        .startsWith("BEGIN:VCALENDAR\r\n")
        .contains("UID:" + bookingId + "\r\n")
        .contains("DTSTART:" + ICS.format(booked) + "\r\n")
        .contains("DTEND:" + ICS.format(booked.plusSeconds(1800)) + "\r\n")
        .contains("URL:" + manageUrl)
        .endsWith("END:VCALENDAR\r\n");

    // a second visitor no longer finds the slot
    browser.open(base + "/p/" + slug + "?date=" + tomorrow + "&tz=Europe/Berlin");
    live();
    assertThat(labels()).hasSize(15).doesNotContain("10:00").contains("09:30", "10:30");
  }

  @Test
  void aSlotBookedElsewhereDisappearsWhileThePageIsOpenAndTheVisitorIsTold() {
    browser.timeZone("Europe/Berlin");
    LocalDate day = LocalDate.now(MACHINE.withZone(BERLIN)).plusDays(2);
    browser.open(base + "/p/" + slug + "?date=" + day);
    live();
    browser.find("label[for=slot-4]").click(); // 11:00
    String picked = browser.find("#slot-4").getAttribute("value");
    long before = System.nanoTime();
    ok(
        201,
        api.post("/bookings", null, ApiClient.booking(providerId, serviceId, picked, "elsewhere")));
    long answered = System.nanoTime();
    browser.await(d -> !labels().contains("11:00"));
    long gone = System.nanoTime();
    System.out.printf(
        "live slots: the slot left the open page %d ms after the booking was answered (%d ms after"
            + " it was sent)%n",
        (gone - answered) / 1_000_000, (gone - before) / 1_000_000);
    assertThat(labels()).hasSize(15);
    assertThat(browser.find("#slot-news").getText())
        .contains("11:00 has just been booked by someone else")
        .contains("pick another time");
    browser.driver.executeScript(
        "arguments[0].scrollIntoView({block: 'center'})", browser.find("#slot-news"));
    browser.check("booking-page-slot-taken-live");

    // without the stream (its request held back), the API's 409 tells the visitor the same
    browser.driver.executeCdpCommand(
        "Fetch.enable",
        Map.of(
            "patterns",
            List.of(Map.of("urlPattern", "*slots/stream*", "requestStage", "Request"))));
    browser.open(base + "/p/" + slug + "?date=" + day);
    WebElement half =
        browser.driver.findElement(By.xpath("//ul[@class='slots']//label[text()='11:30']"));
    String other = browser.find("#" + half.getAttribute("for")).getAttribute("value");
    half.click();
    ok(201, api.post("/bookings", null, ApiClient.booking(providerId, serviceId, other, "second")));
    browser.find("#name").sendKeys("Late Larry");
    browser.find("#email").sendKeys("larry@example.com");
    browser.find("#book-button").click();
    browser.await(d -> browser.find("#slot-news").getText().contains("11:30 has just been booked"));
    assertThat(browser.find("#book").getAttribute("data-live"))
        .as("the stream was held back")
        .isNull();
    assertThat(labels()).doesNotContain("11:30");
    assertThat(browser.find("#done").isDisplayed()).isFalse();
    browser.driver.executeScript(
        "arguments[0].scrollIntoView({block: 'center'})", browser.find("#slot-news"));
    browser.check("booking-page-slot-taken-409");
  }

  @Test
  void theManageLinkMovesAndCancelsTheBooking() {
    browser.timeZone("Europe/Berlin");
    LocalDate day = LocalDate.now(MACHINE.withZone(BERLIN)).plusDays(3);
    String nine = day.atTime(9, 0).atZone(BERLIN).toOffsetDateTime().toString();
    JsonNode placed =
        ok(
            201,
            api.post("/bookings", null, ApiClient.booking(providerId, serviceId, nine, "mover")));
    String manageUrl = placed.get("manageUrl").asText();
    String bookingId = placed.get("bookingId").asText();

    browser.firstLoad("manage page", manageUrl);
    browser.await(ExpectedConditions.textToBe(By.id("status"), "Confirmed"));
    assertThat(browser.find("#when").getText()).contains("09:00–09:30").contains("Europe/Berlin");
    browser.check("manage");

    // move to 14:00 of the next day
    LocalDate next = day.plusDays(1);
    browser.driver.executeScript(
        "const i = document.getElementById('move-date'); i.value = arguments[0];"
            + " i.dispatchEvent(new Event('change'));",
        next.toString());
    WebElement two =
        browser.await(
            ExpectedConditions.elementToBeClickable(
                By.xpath("//div[@id='move-slots']//label[text()='14:00']")));
    two.click();
    browser.find("#move-button").click();
    browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("manage-news")));
    assertThat(browser.find("#manage-news").getText()).contains("Moved to").contains("14:00");
    assertThat(browser.find("#when").getText()).contains("14:00–14:30");
    browser.check("manage-moved");
    JsonNode moved = guestView(manageUrl, bookingId);
    assertThat(OffsetDateTime.parse(moved.get("start").asText()).toInstant())
        .isEqualTo(next.atTime(14, 0).atZone(BERLIN).toInstant());

    // cancel with a reason
    browser.find("#cancel-reason").sendKeys("I am ill");
    browser.find("#cancel-button").click();
    browser.await(ExpectedConditions.textToBe(By.id("status"), "Cancelled"));
    assertThat(browser.find("#manage-news").getText()).contains("cancelled");
    assertThat(browser.all("#cancel")).isEmpty();
    assertThat(browser.find("#booking").getText()).contains("Book again with " + name);
    browser.check("manage-cancelled");
    assertThat(guestView(manageUrl, bookingId).get("status").asText()).isEqualTo("CANCELLED");

    // past the cancellation window: said, and nothing to press
    String colour =
        ok(
                201,
                api.post(
                    "/bookings",
                    null,
                    ApiClient.booking(providerId, strictServiceId, nine, "strict")))
            .get("manageUrl")
            .asText();
    browser.open(colour);
    browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("window-closed")));
    assertThat(browser.find("#window-closed").getText())
        .contains("It is less than 30 days before the appointment")
        .contains("can no longer be moved or cancelled online")
        .contains("contact " + name);
    assertThat(browser.all("#cancel")).isEmpty();
    assertThat(browser.all("#move")).isEmpty();
    browser.check("manage-window-closed");
  }

  @Test
  void aVisitorInTokyoSeesTokyoTimesAlsoOnTheDayBerlinSpringsForward() {
    browser.timeZone("Asia/Tokyo");
    LocalDate switchDay = LocalDate.parse("2027-03-28");
    browser.open(base + "/p/" + slug + "?date=" + switchDay);
    // the page takes the browser's zone and names it
    browser.await(ExpectedConditions.urlContains("tz=Asia%2FTokyo"));
    browser.await(d -> browser.find("#slots-legend").getText().contains("Asia/Tokyo"));
    assertThat(browser.find("#slots-legend").getText()).contains("Sunday 28 March 2027");
    // Berlin's 09:00-17:00: on Saturday (CET, +08:00 to Tokyo) 17:00-01:00 in Tokyo, so Sunday
    // 00:00 and 00:30 come from Saturday; on Sunday (CEST, +07:00) 16:00-24:00
    List<String> expected =
        Stream.concat(
                Stream.iterate(LocalDate.parse("2027-03-27").atTime(9, 0), t -> t.plusMinutes(30))
                    .limit(16)
                    .map(t -> t.atZone(BERLIN)),
                Stream.iterate(switchDay.atTime(9, 0), t -> t.plusMinutes(30))
                    .limit(16)
                    .map(t -> t.atZone(BERLIN)))
            .map(t -> t.withZoneSameInstant(TOKYO))
            .filter(t -> t.toLocalDate().equals(switchDay))
            .map(t -> t.format(HH_MM))
            .toList();
    assertThat(expected).startsWith("00:00", "00:30", "16:00").endsWith("23:30").hasSize(18);
    browser.await(d -> labels().equals(expected));
    browser.check("booking-page-tokyo");

    browser.find("label[for=slot-2]").click(); // 16:00 in Tokyo, 09:00 in Berlin
    browser.find("#name").sendKeys("Taro Yamada");
    browser.find("#email").sendKeys("taro@example.com");
    browser.find("#book-button").click();
    WebElement done = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
    assertThat(done.getText()).contains("Sunday 28 March 2027, 16:00–16:30").contains("Asia/Tokyo");
    String manageUrl = browser.find("#manage-link").getAttribute("href");
    String capability = manageUrl.substring(manageUrl.lastIndexOf('/') + 1);
    JsonNode booking = guestView(manageUrl, capability.substring(0, capability.lastIndexOf('.')));
    assertThat(OffsetDateTime.parse(booking.get("start").asText()).toInstant())
        .isEqualTo(switchDay.atTime(9, 0).atZone(BERLIN).toInstant());

    browser.open(manageUrl);
    browser.await(ExpectedConditions.textToBe(By.id("status"), "Confirmed"));
    assertThat(browser.find("#when").getText())
        .contains("Sunday 28 March 2027, 16:00–16:30")
        .contains("Asia/Tokyo");
    browser.check("manage-tokyo");
  }

  @Test
  void aSignedInCustomerSeesTheirBookingsUpcomingFirstMovesOneAndCancelsOne() {
    browser.timeZone("Europe/Berlin");
    String email = "web-customer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String token = api.devLogin(email, "Clara Customer");
    LocalDate later = LocalDate.now(MACHINE.withZone(BERLIN)).plusDays(6);
    LocalDate sooner = later.minusDays(1);
    List<String> ids = new ArrayList<>();
    for (LocalDate day : List.of(later, sooner)) {
      ids.add(
          ok(
                  201,
                  api.post(
                      "/bookings",
                      token,
                      "{\"providerId\":\""
                          + providerId
                          + "\",\"serviceId\":\""
                          + serviceId
                          + "\",\"start\":\""
                          + day.atTime(15, 0).atZone(BERLIN).toOffsetDateTime()
                          + "\"}"))
              .get("bookingId")
              .asText());
    }
    String soonerId = ids.get(1);

    browser.open(base + "/account");
    browser.check("account-signed-out");
    browser.find("#name").sendKeys("Clara Customer");
    browser.find("#email").sendKeys(email);
    browser.find("form[action='/account/dev-sign-in'] button").click();
    browser.await(d -> browser.all("ul.bookings li").size() == 2);
    assertThat(browser.find("main").getText()).contains("Signed in as Clara Customer");
    List<String> whens =
        browser.all("ul.bookings li > p:not(.status):not(.news)").stream()
            .map(WebElement::getText)
            .toList();
    assertThat(whens.get(0)).contains(String.valueOf(sooner.getDayOfMonth())).contains("15:00");
    assertThat(whens.get(1)).contains(String.valueOf(later.getDayOfMonth()));
    assertThat(browser.all("ul.bookings li a[download='calisera-booking.ics']"))
        .as("each upcoming booking's calendar file")
        .hasSize(2);
    browser.check("account");

    // move the sooner one (the manage page's form): a bad date and no pick are said
    String move = "#move-" + soonerId;
    browser.find("#booking-" + soonerId + " button[aria-label^='Move booking']").click();
    browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(move + "-date")));
    pickDate(move, "1899-12-31");
    browser.await(
        d -> browser.find(move + "-news").getText().contains("This date cannot be booked"));
    browser.find(move + "-button").click();
    assertThat(browser.find(move + "-news").getText()).isEqualTo("Please pick a new time first.");
    pickDate(move, sooner.toString());
    WebElement four =
        browser.await(
            ExpectedConditions.elementToBeClickable(
                By.xpath("//div[@id='move-" + soonerId + "-slots']//label[text()='16:00']")));
    assertThat(browser.find(move + " legend").getText()).contains("Europe/Berlin");
    four.click();
    // taken through the API meanwhile: said by name, and gone from the list
    String sixteen = sooner.atTime(16, 0).atZone(BERLIN).toOffsetDateTime().toString();
    ok(201, api.post("/bookings", null, ApiClient.booking(providerId, serviceId, sixteen, "fast")));
    browser.find(move + "-button").click();
    browser.await(
        d -> browser.find(move + "-news").getText().contains("16:00 has just been booked"));
    assertThat(browser.find(move + "-news").getText()).contains("Please pick another time");
    browser.await(d -> !moveLabels(soonerId).contains("16:00") && moveLabels(soonerId).size() > 0);
    browser.driver.executeScript(
        "arguments[0].scrollIntoView({block: 'center'})", browser.find(move + "-news"));
    browser.check("account-move-slot-taken");
    browser
        .driver
        .findElement(By.xpath("//div[@id='move-" + soonerId + "-slots']//label[text()='16:30']"))
        .click();
    browser.find(move + "-button").click();
    browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("account-news")));
    assertThat(browser.find("#account-news").getText())
        .contains("Moved: Haircut with " + name)
        .contains("16:30");
    assertThat(browser.find("#booking-" + soonerId).getText()).contains("16:30–17:00");
    browser.check("account-moved");
    JsonNode moved =
        ok(200, api.get("/me/bookings", token)).get("items").findParents("bookingId").stream()
            .filter(b -> b.get("bookingId").asText().equals(soonerId))
            .findFirst()
            .orElseThrow();
    assertThat(OffsetDateTime.parse(moved.get("start").asText()).toInstant())
        .isEqualTo(sooner.atTime(16, 30).atZone(BERLIN).toInstant());

    // cancel it with a reason (the manage page's form): one too long is said
    String cancel = "#cancel-" + soonerId;
    browser.find("#booking-" + soonerId + " button[aria-label^='Cancel booking']").click();
    browser.driver.executeScript(
        "document.querySelector(arguments[0]).value = 'x'.repeat(1001)", cancel + "-reason");
    browser.find(cancel + "-button").click();
    browser.await(d -> browser.find(cancel + "-news").getText().contains("Reason"));
    assertThat(browser.find(cancel + "-news").getText()).contains("Please correct it");
    browser.find(cancel + "-reason").clear();
    browser.find(cancel + "-reason").sendKeys("Moving house");
    browser.find(cancel + "-button").click();
    browser.await(
        d -> browser.find("#bookings").getText().contains("Cancelled: Haircut with " + name));
    assertThat(browser.all("ul.bookings")).hasSize(2); // upcoming, and past and cancelled
    browser.check("account-cancelled");
    JsonNode mine = ok(200, api.get("/me/bookings", token));
    assertThat(mine.get("items").findValuesAsText("status"))
        .containsExactlyInAnyOrder("CONFIRMED", "CANCELLED");
    assertThat(
            mine.get("items").findParents("bookingId").stream()
                .filter(b -> b.get("status").asText().equals("CANCELLED"))
                .map(b -> b.get("bookingId").asText()))
        .containsExactly(soonerId);
  }

  @Test
  void anUnknownProviderIsAPageThatSaysSo() {
    browser.firstLoad(
        "not-found page",
        base + "/p/no-such-provider-" + UUID.randomUUID().toString().substring(0, 8));
    assertThat(browser.find("h1").getText()).isEqualTo("Provider not found");
    browser.check("not-found");
  }

  /** Waits until the page's slot list follows the live stream (its first list has come). */
  private static void live() {
    browser.await(d -> "on".equals(browser.find("#book").getAttribute("data-live")));
  }

  /** Sets a move form's date as a person picking one does (the change event asks for slots). */
  private static void pickDate(String form, String date) {
    browser.driver.executeScript(
        "const i = document.querySelector(arguments[0]); i.value = arguments[1];"
            + " i.dispatchEvent(new Event('change'));",
        form + "-date",
        date);
  }

  private static List<String> moveLabels(String bookingId) {
    return browser.all("#move-" + bookingId + "-slots label").stream()
        .map(WebElement::getText)
        .toList();
  }

  private static List<String> labels() {
    return browser.all("ul.slots label").stream().map(WebElement::getText).toList();
  }

  private static JsonNode guestView(String manageUrl, String bookingId) {
    String capability = manageUrl.substring(manageUrl.lastIndexOf('/') + 1);
    return api.bookingWithCapability(bookingId, capability);
  }
}
