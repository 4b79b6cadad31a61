package io.calisera.bff.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.calisera.bff.gateway.ReadYourWrites;
import io.calisera.bff.insights.ChartBars;
import io.calisera.bff.insights.ChartBars.Bar;
import io.calisera.bff.testing.BffInThisJvm;
import io.calisera.bff.testing.SharedPlatform;
import io.calisera.testing.ApiClient;
import io.calisera.testing.ApiClient.Answer;
import io.calisera.testing.PlatformProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Provider insights end to end: a known history made through the public API (the hub, the command
 * side, the query side and the analytics projector as their jars, the bff in this JVM, its business
 * clock moved from step to step; {@link SharedPlatform}), then every figure of the answer checked
 * exactly, {@code previous} included, and the chart of March: its bars are the bookings of each
 * day, and its screenshot in headless Chromium at a phone's 360 px is kept under {@code
 * target/screenshots/}.
 *
 * <p>A salon in Berlin: Haircut (30 min) and Coloring (90 min), both starting on the half hour;
 * schedule 1, set on Monday 2026-03-02: weekdays 09:00-17:00 (480 min), Sundays 01:00-04:00 (180
 * min, 120 on 2026-03-29, whose 02:00-03:00 does not exist); schedule 2, set on Tuesday 2026-03-31
 * at 12:00: weekdays 10:00-14:00 (240 min), Good Friday 2026-04-03 closed, no Sundays. The range
 * asked: 2026-03-23..2026-04-05; the previous one 2026-03-09..2026-03-22.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedPlatform.class)
@Order(2) // business time: March 2026; it stops the analytics projector, which no later class uses
class InsightsIT {

  static PlatformProcesses platform;
  static BffInThisJvm bff;
  static ApiClient http;

  static final String OWNER = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@e.com";
  static final String CUSTOMER = "cara-" + UUID.randomUUID().toString().substring(0, 8) + "@e.com";
  static String providerId;
  static String haircut;
  static String coloring;
  static Answer insights;

  /** Changes that waited for the read models in vain before this class began. */
  static long gaveUpBefore;

  @BeforeAll
  static void aKnownHistoryThroughTheRealServices(SharedPlatform.Running shared) {
    platform = shared.platform();
    bff = shared.bff();
    http = new ApiClient(platform.bffUrl() + "/api/v1");
    gaveUpBefore = bff.bean(ReadYourWrites.class).stats().gaveUp();

    at("2026-03-02T08:00:00Z");
    Answer created =
        ok(
            http.post(
                "/providers",
                owner(),
                "{\"displayName\":\"Salon Insights\",\"timeZone\":\"Europe/Berlin\","
                    + "\"city\":\"Berlin\",\"category\":\"Hair\"}"),
            201);
    providerId = created.json("$.providerId");
    haircut = service("Haircut", 30);
    coloring = service("Coloring", 90);
    StringBuilder weekly = new StringBuilder();
    for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
      weekly.append("{\"day\":\"" + day + "\",\"start\":\"09:00\",\"end\":\"17:00\"},");
    }
    weekly.append("{\"day\":\"SUNDAY\",\"start\":\"01:00\",\"end\":\"04:00\"}");
    ok(http.put(provider("/availability"), owner(), "{\"weekly\":[" + weekly + "]}"), 200);

    // the previous range
    at("2026-03-09T08:00:00Z");
    String b9 = book(coloring, "2026-03-16T09:00:00Z"); // 169 h ahead
    at("2026-03-10T08:00:00Z");
    String b8 = book(haircut, "2026-03-26T08:00:00Z");
    at("2026-03-11T08:00:00Z");
    String b10 = book(haircut, "2026-03-13T15:30:00Z"); // 55.5 h
    at("2026-03-11T09:00:00Z");
    String b11 = book(haircut, "2026-03-18T12:00:00Z"); // 171 h
    at("2026-03-12T08:00:00Z");
    owner(b8, "/reschedule", "{\"start\":\"2026-03-19T08:00:00Z\"}"); // out of the range: 216 h
    at("2026-03-13T16:00:00Z");
    owner(b10, "/complete", null);
    // the range, and the end of the previous one
    at("2026-03-14T09:00:00Z");
    String b2 = book(coloring, "2026-03-24T09:00:00Z"); // 10 days ahead: 240 h
    at("2026-03-15T08:00:00Z");
    owner(b9, "/cancel", "{\"reason\":\"ill\"}");
    at("2026-03-18T13:00:00Z");
    owner(b11, "/no-show", null);
    at("2026-03-20T08:00:00Z");
    String b1 = book(haircut, "2026-03-23T08:00:00Z"); // 3 days ahead: 72 h
    at("2026-03-20T09:00:00Z");
    book(haircut, "2026-03-23T12:00:00Z"); // b12, 75 h
    at("2026-03-20T10:00:00Z");
    String b4 = book(coloring, "2026-03-27T13:00:00Z");
    at("2026-03-22T10:00:00Z");
    owner(b2, "/cancel", "{}");
    at("2026-03-23T09:00:00Z");
    owner(b1, "/complete", null);
    at("2026-03-25T08:00:00Z");
    String b5 = book(haircut, "2026-03-25T14:00:00Z"); // 6 h
    at("2026-03-25T10:00:00Z");
    owner(b4, "/reschedule", "{\"start\":\"2026-04-02T08:00:00Z\"}"); // after the switch: 310 h
    at("2026-03-25T15:00:00Z");
    owner(b5, "/no-show", null);
    at("2026-03-26T02:00:00Z");
    book(haircut, "2026-03-29T01:00:00Z"); // b3: 03:00 on the day of the switch, 71 h
    at("2026-03-27T14:00:00Z");
    book(haircut, "2026-03-30T14:00:00Z"); // b7: 72 h
    at("2026-03-31T10:00:00Z");
    weekly = new StringBuilder();
    for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
      weekly.append(weekly.isEmpty() ? "" : ",");
      weekly.append("{\"day\":\"" + day + "\",\"start\":\"10:00\",\"end\":\"14:00\"}");
    }
    ok(
        http.put(
            provider("/availability"),
            owner(),
            "{\"weekly\":["
                + weekly
                + "],\"overrides\":[{\"date\":\"2026-04-03\",\"intervals\":[]}]}"),
        200);

    // read-your-writes: asked at once, without waiting for anything
    insights = ok(http.get(provider("/insights?from=2026-03-23&to=2026-04-05"), owner()), 200);
  }

  @Test
  void theFiguresOfTheRangeAreExactAtOnce() {
    assertThat((String) insights.json("$.from")).isEqualTo("2026-03-23");
    assertThat((String) insights.json("$.to")).isEqualTo("2026-04-05");
    assertThat((String) insights.json("$.timeZone")).isEqualTo("Europe/Berlin");
    // b1 completed, b12, b3 (the day of the switch), b7, b4 moved within the range; b2
    // cancelled, b5 no-show
    assertThat(number("$.bookings")).isEqualTo(7);
    assertThat(number("$.cancellations")).isEqualTo(1);
    assertThat(number("$.reschedules")).isEqualTo(1);
    assertThat(number("$.noShows")).isEqualTo(1);
    assertThat(number("$.cancellationRate")).isCloseTo(1.0 / 7, within(1e-12));
    assertThat(number("$.bookedMinutes")).isEqualTo(30 + 30 + 30 + 30 + 90);
    // 6 weekdays of schedule 1, the short Sunday, 3 weekdays of schedule 2 from the day it was set
    assertThat(number("$.availableMinutes")).isEqualTo(6 * 480 + 120 + 3 * 240);
    assertThat(number("$.utilization")).isCloseTo(210.0 / 3720, within(1e-12));
    // 6, 71, 72, 72, 75, 240, 310
    assertThat(number("$.leadTimeHoursMedian")).isEqualTo(72.0);
    assertThat(services("$")).containsExactly("Haircut 5 120", "Coloring 2 90");
    assertThat(days("$"))
        .containsExactly(
            "2026-03-23 2 0 60 480",
            "2026-03-24 1 1 0 480",
            "2026-03-25 1 0 0 480",
            "2026-03-26 0 0 0 480",
            "2026-03-27 0 0 0 480",
            "2026-03-28 0 0 0 0",
            "2026-03-29 1 0 30 120",
            "2026-03-30 1 0 30 480",
            "2026-03-31 0 0 0 240",
            "2026-04-01 0 0 0 240",
            "2026-04-02 1 0 90 240",
            "2026-04-03 0 0 0 0",
            "2026-04-04 0 0 0 0",
            "2026-04-05 0 0 0 0");
    assertThat(hours("$")).isEqualTo(hoursWith(Map.of(3, 1, 9, 1, 10, 2, 13, 1, 15, 1, 16, 1)));
  }

  @Test
  void theFiguresOfThePreviousRangeAreExact() {
    assertThat((String) insights.json("$.previous.from")).isEqualTo("2026-03-09");
    assertThat((String) insights.json("$.previous.to")).isEqualTo("2026-03-22");
    assertThat((String) insights.json("$.previous.timeZone")).isEqualTo("Europe/Berlin");
    // b9 cancelled, b8 moved into it, b10 completed, b11 no-show
    assertThat(number("$.previous.bookings")).isEqualTo(4);
    assertThat(number("$.previous.cancellations")).isEqualTo(1);
    assertThat(number("$.previous.reschedules")).isEqualTo(1);
    assertThat(number("$.previous.noShows")).isEqualTo(1);
    assertThat(number("$.previous.cancellationRate")).isEqualTo(0.25);
    assertThat(number("$.previous.bookedMinutes")).isEqualTo(60);
    assertThat(number("$.previous.availableMinutes")).isEqualTo(10 * 480 + 2 * 180);
    assertThat(number("$.previous.utilization")).isCloseTo(60.0 / 5160, within(1e-12));
    // 55.5, 169, 171, 216
    assertThat(number("$.previous.leadTimeHoursMedian")).isEqualTo(170.0);
    assertThat(services("$.previous")).containsExactly("Haircut 3 60", "Coloring 1 0");
    List<String> days = new ArrayList<>();
    for (int day = 9; day <= 22; day++) {
      String date = String.format("2026-03-%02d", day);
      String weekday = LocalDate.parse(date).getDayOfWeek().name();
      long available = weekday.equals("SATURDAY") ? 0 : weekday.equals("SUNDAY") ? 180 : 480;
      String figures =
          switch (day) {
            case 13, 19 -> "1 0 30";
            case 16 -> "1 1 0";
            case 18 -> "1 0 0";
            default -> "0 0 0";
          };
      days.add(date + " " + figures + " " + available);
    }
    assertThat(days("$.previous")).containsExactlyElementsOf(days);
    assertThat(hours("$.previous")).isEqualTo(hoursWith(Map.of(9, 1, 10, 1, 13, 1, 16, 1)));
    Map<String, Object> previous = insights.json("$.previous");
    assertThat(previous).doesNotContainKey("previous");
  }

  @Test
  void theChartOfMarchDrawsEachDaysBookingsAndIsScreenshotAtPhoneWidth() throws Exception {
    String query = "?from=2026-03-01&to=2026-03-31";
    Answer figures = ok(http.get(provider("/insights" + query), owner()), 200);
    Answer chart = ok(http.get(provider("/insights/chart.svg" + query), owner()), 200);
    assertThat(chart.headers().get("content-type")).startsWith("image/svg+xml");
    // what a person sees on a phone, kept as a build artifact
    Path png = Path.of("target", "screenshots", "insights-chart-march-2026.png");
    Chromium.screenshotOfSvg(chart.body(), 360, 240, png);
    assertThat(Files.size(png)).isGreaterThan(5_000);

    // the days with bookings, left to right, from the figures
    List<Integer> perDay = figures.json("$.byDay[*].bookings");
    List<Integer> expected = perDay.stream().filter(n -> n > 0).toList();
    assertThat(expected).containsExactly(1, 1, 1, 1, 2, 1, 1, 1, 1);
    ChartBars svg = ChartBars.of(chart.body());
    List<Bar> bars = svg.bars();
    assertThat(bars).hasSize(expected.size());
    double unit = bars.get(0).height() / expected.get(0);
    for (int i = 0; i < bars.size(); i++) {
      assertThat(bars.get(i).height())
          .as("bar " + i)
          .isCloseTo(expected.get(i) * unit, within(0.01));
      if (i > 0) {
        assertThat(bars.get(i).x()).as("bar " + i).isGreaterThan(bars.get(i - 1).x());
      }
    }
    assertThat(svg.texts())
        .contains(
            "Bookings per day",
            "1 Mar 2026 – 31 Mar 2026 (Europe/Berlin)",
            "Date",
            "Bookings",
            "0",
            "1",
            "2");
    assertThat(svg.description())
        .isEqualTo(
            "10 bookings in all, by local dates of Europe/Berlin. 13 Mar: 1. 16 Mar: 1. 18 Mar: 1."
                + " 19 Mar: 1. 23 Mar: 2. 24 Mar: 1. 25 Mar: 1. 29 Mar: 1. 30 Mar: 1.");
  }

  @Test
  void onlyTheOwnerSeesThemThroughTheWholePlatform() {
    String stranger = login("sam-" + UUID.randomUUID() + "@e.com");
    for (String path : List.of("/insights", "/insights/chart.svg")) {
      String url = provider(path + "?from=2026-03-23&to=2026-04-05");
      assertThat(http.get(url, null).status()).isEqualTo(401);
      Answer forbidden = http.get(url, stranger);
      assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(403);
      assertThat(forbidden.code()).isEqualTo("FORBIDDEN");
    }
  }

  @Test
  void aBookingIsInTheInsightsAsSoonAsItsAnswerIsSeen() {
    at("2026-03-31T11:00:00Z");
    book(haircut, "2026-04-20T10:00:00Z");
    Answer april = ok(http.get(provider("/insights?from=2026-04-20&to=2026-04-20"), owner()), 200);
    assertThat((Integer) april.json("$.bookings")).isEqualTo(1);
    assertThat((Integer) april.json("$.bookedMinutes")).isEqualTo(30);
    assertThat((Integer) april.json("$.byHourOfDay[12].bookings")).isEqualTo(1);
    // every change of the class was answered once the query side had applied it, and the insights
    // asked after it waited for the analytics
    assertThat(bff.bean(ReadYourWrites.class).stats().gaveUp()).isEqualTo(gaveUpBefore);
  }

  @Test
  void anAdminRebuildsTheInsightsWhileTheyKeepAnsweringTheCompleteFigures() {
    String admin = login("ada-" + UUID.randomUUID() + "@e.com", "ADMIN");
    String owner = owner();
    String range = provider("/insights?from=2026-03-23&to=2026-04-05");
    String replay = "/admin/projections/analytics/replay";
    Map<String, Object> before = ok(http.get(range, owner), 200).json("$");
    // the figures every other test of the class checks exactly
    assertThat(before).isEqualTo(insights.json("$"));

    Answer started = ok(http.post(replay, admin, null), 202);
    assertThat(started.headers().get("location")).isEqualTo("/api/v1" + replay);
    assertThat((String) started.json("$.state")).isEqualTo("REPLAYING");
    // asked while it replays: answered from the figures as they were, whole
    int duringTheRebuild = 0;
    String state = "REPLAYING";
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (state.equals("REPLAYING")) {
      assertThat(System.nanoTime()).as("the rebuild catches up").isLessThan(deadline);
      Map<String, Object> answer = ok(http.get(range, owner), 200).json("$");
      assertThat(answer).isEqualTo(before);
      state = ok(http.get(replay, admin), 200).json("$.state");
      if (state.equals("REPLAYING")) {
        duringTheRebuild++;
      }
    }
    Answer done = ok(http.get(replay, admin), 200);

    assertThat(duringTheRebuild).as("answers asked and answered during the rebuild").isPositive();
    assertThat((String) done.json("$.state")).isEqualTo("CAUGHT_UP");
    assertThat((Integer) done.json("$.position")).isPositive();
    assertThat(ok(http.get(range, owner), 200).<Map<String, Object>>json("$")).isEqualTo(before);
    // the rebuilt figures are a projection of the whole history from nothing: the chart's too
    Answer march = ok(http.get(provider("/insights?from=2026-03-01&to=2026-03-31"), owner), 200);
    assertThat(march.<List<Integer>>json("$.byDay[*].bookings").stream().mapToInt(n -> n).sum())
        .isEqualTo(10);
    // a non-admin may neither start nor follow it
    assertThat(http.post(replay, owner, null).status()).isEqualTo(403);
    assertThat(http.get(replay, owner).status()).isEqualTo(403);
    assertThat(http.post(replay, null, null).status()).isEqualTo(401);
  }

  /** Last: the analytics projector stays stopped. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aChangeDoesNotWaitForTheAnalyticsProjectorEvenWhenItIsDown() {
    long gaveUp = bff.bean(ReadYourWrites.class).stats().gaveUp();
    platform.process("analytics-projector-1").stop();

    at("2026-03-31T12:00:00Z");
    book(haircut, "2026-04-21T10:00:00Z");

    assertThat(bff.bean(ReadYourWrites.class).stats().gaveUp())
        .as("changes that waited for the read models in vain")
        .isEqualTo(gaveUp);
  }

  // --- the history's steps

  static void at(String instant) {
    bff.clock().set(Instant.parse(instant));
  }

  /** A fresh token of the owner at the business time (tokens live 15 minutes). */
  static String owner() {
    return login(OWNER);
  }

  static String login(String email, String... roles) {
    String held = String.join(",", Stream.of(roles).map(role -> "\"" + role + "\"").toList());
    Answer login =
        http.post(
            "/auth/dev-login",
            null,
            "{\"email\":\"" + email + "\",\"name\":\"Someone\",\"roles\":[" + held + "]}");
    return ok(login, 200).json("$.accessToken");
  }

  static String provider(String path) {
    return "/providers/" + providerId + path;
  }

  static String service(String name, int minutes) {
    return ok(
            http.post(
                provider("/services"),
                owner(),
                "{\"name\":\""
                    + name
                    + "\",\"durationMinutes\":"
                    + minutes
                    + ",\"slotIntervalMinutes\":30}"),
            201)
        .json("$.serviceId");
  }

  static String book(String serviceId, String start) {
    Answer booked =
        http.post(
            "/bookings",
            login(CUSTOMER),
            "{\"providerId\":\""
                + providerId
                + "\",\"serviceId\":\""
                + serviceId
                + "\",\"start\":\""
                + start
                + "\"}");
    return ok(booked, 201).json("$.bookingId");
  }

  static void owner(String bookingId, String action, String json) {
    ok(http.post("/bookings/" + bookingId + action, owner(), json), 200);
  }

  static Answer ok(Answer answer, int status) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    return answer;
  }

  // --- reading the answer

  static double number(String path) {
    return ((Number) insights.json(path)).doubleValue();
  }

  static List<String> services(String at) {
    List<Map<String, Object>> entries = insights.json(at + ".byService");
    return entries.stream()
        .map(s -> s.get("name") + " " + s.get("bookings") + " " + s.get("bookedMinutes"))
        .toList();
  }

  static List<String> days(String at) {
    List<Map<String, Object>> entries = insights.json(at + ".byDay");
    return entries.stream()
        .map(
            d ->
                d.get("date")
                    + " "
                    + d.get("bookings")
                    + " "
                    + d.get("cancellations")
                    + " "
                    + d.get("bookedMinutes")
                    + " "
                    + d.get("availableMinutes"))
        .toList();
  }

  static Map<Integer, Integer> hours(String at) {
    List<Map<String, Object>> entries = insights.json(at + ".byHourOfDay");
    Map<Integer, Integer> hours = new LinkedHashMap<>();
    for (Map<String, Object> entry : entries) {
      hours.put((Integer) entry.get("hour"), (Integer) entry.get("bookings"));
    }
    return hours;
  }

  static Map<Integer, Integer> hoursWith(Map<Integer, Integer> bookings) {
    Map<Integer, Integer> hours = new LinkedHashMap<>();
    for (int hour = 0; hour < 24; hour++) {
      hours.put(hour, bookings.getOrDefault(hour, 0));
    }
    return hours;
  }
}
