package io.calisera.bff.ratelimit;

import static io.calisera.bff.testing.Views.aSalonInBerlin;
import static io.calisera.bff.testing.Views.anHourCut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import io.calisera.bff.testing.Views;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The rate limits per client address: guest bookings, logins (dev-login, token exchange, refresh),
 * directory search and QR codes answer 429 {@code TOO_MANY_REQUESTS} with {@code Retry-After} past
 * their limit, until the bucket refills (a page for a browser that asked for HTML); addresses
 * behind trusted proxies are read from {@code X-Forwarded-For}; memory stays within the bound. Each
 * test uses addresses of its own.
 */
@BffTest
@TestPropertySource(
    properties = {
      "calisera.rate-limits.guest-bookings=2/1h",
      "calisera.rate-limits.logins=3/1m",
      "calisera.rate-limits.directory-search=4/1m",
      "calisera.rate-limits.qr-codes=2/1m",
      "calisera.rate-limits.addresses=100",
      "calisera.rate-limits.trusted-proxies=10.0.0.0/8, 192.0.2.254"
    })
class RateLimitsTest {

  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  /** What Chromium accepts when it navigates. */
  private static final String BROWSER =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

  private static final String PROVIDER = "p-salon";
  private static final String SERVICE = "s-cut";

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired RateLimits limits;
  @Autowired StubPlatform platform;

  /** A salon that takes every booking and a directory that finds nothing ({@link StubPlatform}). */
  @BeforeEach
  void aSalonThatTakesEveryBooking() {
    clock.set(BffTestConfiguration.START);
    platform
        .on(new FindProviderQuery(PROVIDER))
        .answer(aSalonInBerlin(PROVIDER, "a-owner", anHourCut(SERVICE)));
    platform.on(PlaceBookingCommand.class).answerWith(Views::placedAsAsked);
    platform.on(SearchProvidersQuery.class).answer(new ProviderPage(List.of(), 0, 20, 0));
  }

  @Test
  void guestBookingsPastTheLimitAre429UntilTheBucketRefills() throws Exception {
    String guest = anAddress();
    assertThat(guestBooking(guest, "09:00").getStatus()).isEqualTo(201);
    assertThat(guestBooking(guest, "09:30").getStatus()).isEqualTo(201);

    MockHttpServletResponse refused = guestBooking(guest, "10:00");
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getContentType()).startsWith("application/problem+json");
    assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.code"))
        .isEqualTo("TOO_MANY_REQUESTS");
    assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.detail"))
        .contains("guest bookings");
    // 2 per hour: the next one in half an hour
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1800");
    assertThat(platform.sent(PlaceBookingCommand.class)).as("the refused one not sent").hasSize(2);

    clock.advance(Duration.ofSeconds(1799));
    assertThat(guestBooking(guest, "10:00").getStatus()).isEqualTo(429);
    clock.advance(Duration.ofSeconds(1));
    assertThat(guestBooking(guest, "10:00").getStatus()).isEqualTo(201);
    assertThat(guestBooking(guest, "10:30").getStatus()).isEqualTo(429);

    assertThat(guestBooking(anAddress(), "10:30").getStatus())
        .as("another address has its own bucket")
        .isEqualTo(201);
  }

  @Test
  void aSignedInCustomerIsNotCountedAsAGuest() throws Exception {
    String shared = anAddress();
    String customer = login(anAddress(), "cara");
    for (String time : new String[] {"09:00", "09:30", "10:00", "10:30"}) {
      var booked =
          mvc.perform(
                  from(
                      shared,
                      Api.call(HttpMethod.POST, "/api/v1/bookings", customer, body(time, false))))
              .andReturn()
              .getResponse();
      assertThat(booked.getStatus()).as(booked.getContentAsString()).isEqualTo(201);
    }
    assertThat(guestBooking(shared, "11:00").getStatus()).isEqualTo(201);
    assertThat(guestBooking(shared, "11:30").getStatus()).isEqualTo(201);
    assertThat(guestBooking(shared, "12:00").getStatus()).isEqualTo(429);
  }

  @Test
  void devLoginTokenExchangeAndRefreshShareOneLimit() throws Exception {
    String client = anAddress();
    login(client, "dana");
    assertThat(status(client, HttpMethod.POST, "/api/v1/auth/refresh", "{\"refreshToken\":\"x\"}"))
        .isBetween(400, 428);
    assertThat(status(client, HttpMethod.POST, "/api/v1/auth/token", "{\"idToken\":\"x.y.z\"}"))
        .isBetween(400, 428);
    assertThat(status(client, HttpMethod.POST, "/api/v1/auth/refresh", "{\"refreshToken\":\"x\"}"))
        .isEqualTo(429);
    assertThat(status(client, HttpMethod.POST, "/api/v1/auth/dev-login", devLogin("dana")))
        .isEqualTo(429);
    clock.advance(Duration.ofSeconds(20)); // 3 per minute: one more every 20 s
    assertThat(status(client, HttpMethod.POST, "/api/v1/auth/dev-login", devLogin("dana")))
        .isEqualTo(200);
  }

  @Test
  void directorySearchAndQrCodesAreLimitedEachOnItsOwn() throws Exception {
    String client = anAddress();
    for (int i = 0; i < 4; i++) {
      assertThat(status(client, HttpMethod.GET, "/api/v1/providers?q=salon", null)).isEqualTo(200);
    }
    assertThat(status(client, HttpMethod.GET, "/api/v1/providers?q=salon", null)).isEqualTo(429);
    String qr = "/api/v1/providers/" + PROVIDER + "/qr";
    assertThat(status(client, HttpMethod.GET, qr, null)).isEqualTo(200);
    assertThat(status(client, HttpMethod.GET, qr + "?format=svg", null)).isEqualTo(200);
    assertThat(status(client, HttpMethod.GET, qr, null)).isEqualTo(429);
    assertThat(status(client, HttpMethod.GET, "/api/v1/providers/" + PROVIDER, null))
        .as("a provider's page is not limited")
        .isEqualTo(200);
  }

  @Test
  void aBrowserPastTheLimitGetsAPageThatSaysHowLongToWaitAndApiClientsTheProblem()
      throws Exception {
    String client = anAddress();
    for (int i = 0; i < 4; i++) {
      assertThat(asking(client, get("/?q=salon"), BROWSER).getStatus()).isEqualTo(200);
    }
    MockHttpServletResponse page = asking(client, get("/?q=salon"), BROWSER);
    assertThat(page.getStatus()).isEqualTo(429);
    assertThat(page.getContentType()).startsWith("text/html");
    // 4 per minute: one more every 15 s
    assertThat(page.getHeader("Retry-After")).isEqualTo("15");
    assertThat(page.getHeader("Content-Security-Policy")).startsWith("default-src 'self';");
    assertThat(page.getContentAsString())
        .contains("<title>Please wait a moment · Calisera</title>")
        .contains("<h1>Please wait a moment</h1>")
        .contains("Please wait 15 seconds, then try again.")
        .doesNotContain("TOO_MANY_REQUESTS");

    // the API's search shares the bucket: a page for a browser, the problem for anyone else
    MockHttpServletResponse opened = asking(client, get("/api/v1/providers?q=salon"), BROWSER);
    assertThat(opened.getStatus()).isEqualTo(429);
    assertThat(opened.getContentType()).startsWith("text/html");
    for (String accept :
        new String[] {
          "application/json",
          "*/*",
          "application/json, text/html;q=0.5",
          "text/html;q=0, application/problem+json",
          "text/html;q=nonsense",
          "not a media type"
        }) {
      MockHttpServletResponse refused = asking(client, get("/api/v1/providers?q=salon"), accept);
      assertThat(refused.getStatus()).as(accept).isEqualTo(429);
      assertThat(refused.getContentType()).as(accept).startsWith("application/problem+json");
      assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.code"))
          .isEqualTo("TOO_MANY_REQUESTS");
      assertThat(refused.getHeader("Retry-After")).isEqualTo("15");
    }
    MockHttpServletResponse withoutAccept =
        mvc.perform(from(client, get("/api/v1/providers?q=salon"))).andReturn().getResponse();
    assertThat(withoutAccept.getContentType()).startsWith("application/problem+json");

    clock.advance(Duration.ofSeconds(15));
    assertThat(asking(client, get("/?q=salon"), BROWSER).getStatus()).isEqualTo(200);
  }

  @Test
  void theDevSignInFormPastTheLoginLimitIsAPage() throws Exception {
    String client = anAddress();
    for (int i = 0; i < 3; i++) {
      assertThat(asking(client, signIn(), BROWSER).getStatus()).isEqualTo(303);
    }
    MockHttpServletResponse page = asking(client, signIn(), BROWSER);
    assertThat(page.getStatus()).isEqualTo(429);
    assertThat(page.getContentType()).startsWith("text/html");
    assertThat(page.getHeader("Retry-After")).isEqualTo("20"); // 3 per minute
    assertThat(page.getContentAsString()).contains("Please wait 20 seconds, then try again.");
  }

  @Test
  void xForwardedForNamesTheClientOnlyBehindATrustedProxy() throws Exception {
    // an untrusted peer cannot escape its bucket by writing the header
    String direct = anAddress();
    for (int i = 0; i < 4; i++) {
      assertThat(search(direct, "203.0.113." + i)).isEqualTo(200);
    }
    assertThat(search(direct, "203.0.113.99")).isEqualTo(429);

    // behind trusted proxies, the client is the last address no trusted proxy owns
    String client = "203.0.113." + (100 + ADDRESSES.incrementAndGet() % 100);
    for (int i = 0; i < 4; i++) {
      assertThat(searchThrough("10.1.2.3", "6.6.6." + i + ", " + client)).isEqualTo(200);
    }
    assertThat(searchThrough("10.9.9.9", "1.1.1.1, " + client + ", 192.0.2.254")).isEqualTo(429);
    assertThat(searchThrough("10.1.2.3", client.replace("203.0.113.", "203.0.114.")))
        .as("another client behind the same proxy")
        .isEqualTo(200);
  }

  @Test
  void manyAddressesAreRememberedWithinTheBound() throws Exception {
    for (int i = 0; i < 300; i++) {
      assertThat(status(anAddress(), HttpMethod.GET, "/api/v1/providers?q=flood", null))
          .isEqualTo(200);
    }
    assertThat(limits.trackedAddresses(RateLimit.DIRECTORY_SEARCH)).isLessThanOrEqualTo(100);
  }

  @Test
  void theApiDescriptionListsThe429OfEachLimitedOperation() throws Exception {
    String docs = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
    for (String operation :
        new String[] {
          "$.paths['/api/v1/bookings'].post",
          "$.paths['/api/v1/providers'].get",
          "$.paths['/api/v1/providers/{providerId}/qr'].get",
          "$.paths['/api/v1/auth/token'].post",
          "$.paths['/api/v1/auth/refresh'].post",
          "$.paths['/api/v1/auth/dev-login'].post"
        }) {
      assertThat(JsonPath.<Object>read(docs, operation + ".responses['429']"))
          .as(operation)
          .isNotNull();
    }
  }

  /** A client address no other test uses (TEST-NET-2 and beyond). */
  private static String anAddress() {
    int n = ADDRESSES.incrementAndGet();
    return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
  }

  private String login(String address, String name) throws Exception {
    var answer =
        mvc.perform(
                from(
                    address,
                    Api.call(HttpMethod.POST, "/api/v1/auth/dev-login", null, devLogin(name))))
            .andReturn()
            .getResponse();
    assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(200);
    return JsonPath.read(answer.getContentAsString(), "$.accessToken");
  }

  private static String devLogin(String name) {
    return "{\"email\":\"" + Api.unique(name) + "\",\"name\":\"" + name + "\",\"roles\":[]}";
  }

  private MockHttpServletResponse guestBooking(String address, String time) throws Exception {
    return mvc.perform(
            from(address, Api.call(HttpMethod.POST, "/api/v1/bookings", null, body(time, true))))
        .andReturn()
        .getResponse();
  }

  /** A booking on Tuesday 2026-06-02 (Berlin) at {@code time}. */
  private String body(String time, boolean guest) {
    return "{\"providerId\":\""
        + PROVIDER
        + "\",\"serviceId\":\""
        + SERVICE
        + "\",\"start\":\"2026-06-02T"
        + time
        + ":00+02:00\""
        + (guest ? ",\"customer\":{\"name\":\"Gail\",\"email\":\"gail@example.com\"}" : "")
        + "}";
  }

  private int status(String address, HttpMethod method, String path, String json) throws Exception {
    return mvc.perform(from(address, Api.call(method, path, null, json)))
        .andReturn()
        .getResponse()
        .getStatus();
  }

  private int search(String address, String forwardedFor) throws Exception {
    return mvc.perform(
            from(address, get("/api/v1/providers?q=x").header("X-Forwarded-For", forwardedFor)))
        .andReturn()
        .getResponse()
        .getStatus();
  }

  private int searchThrough(String proxy, String forwardedFor) throws Exception {
    return search(proxy, forwardedFor);
  }

  private MockHttpServletResponse asking(
      String address, MockHttpServletRequestBuilder request, String accept) throws Exception {
    return mvc.perform(from(address, request.header("Accept", accept))).andReturn().getResponse();
  }

  private static MockHttpServletRequestBuilder signIn() {
    return post("/account/dev-sign-in")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .param("name", "Rita")
        .param("email", "rita@example.com");
  }

  private static MockHttpServletRequestBuilder from(
      String address, MockHttpServletRequestBuilder request) {
    return request.with(
        r -> {
          r.setRemoteAddr(address);
          return r;
        });
  }
}
