package io.calisera.bff.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.FindCustomerBookingsQuery;
import io.calisera.api.common.Role;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.FakeAccounts;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import io.calisera.bff.testing.Views;
import io.calisera.testing.ServiceProcess;
import io.calisera.testissuer.Browser;
import io.calisera.testissuer.LocalIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The logins with an external OpenID Connect provider (a local Spring Authorization Server playing
 * Google or Apple), over real HTTP: the mobile token exchange and the browser's code flow with PKCE
 * that lands on My bookings ({@code /account}) and lists the person's bookings with the session,
 * its session cookie, and CSRF for the session. Dev-login is off here, as in production.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "axon.axonserver.enabled=false",
      "calisera.home=target/test-home/${random.uuid}",
      "calisera.auth.dev-login=false"
    })
@Import(BffTestConfiguration.class)
class ExternalLoginIT {

  private static final int PORT = ServiceProcess.freePort();
  private static final String BFF = "http://localhost:" + PORT;
  private static LocalIssuer issuer;

  @Autowired MutableClock clock;
  @Autowired FakeAccounts accounts;
  @Autowired JdbcClient jdbc;
  @Autowired StubPlatform platform;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry properties) {
    if (issuer == null) {
      issuer = LocalIssuer.start(BFF + "/login/oauth2/code/local");
    }
    properties.add("server.port", () -> PORT);
    properties.add("calisera.public-base-url", () -> BFF);
    properties.add("calisera.auth.providers.local.issuer-uri", issuer::issuer);
    properties.add("calisera.auth.providers.local.audiences", () -> LocalIssuer.MOBILE);
    properties.add("calisera.auth.providers.local.client-id", () -> LocalIssuer.WEB);
    properties.add("calisera.auth.providers.local.client-secret", () -> LocalIssuer.WEB_SECRET);
  }

  @AfterAll
  static void stopProvider() {
    if (issuer != null) {
      issuer.close();
    }
  }

  /** The provider stamps real time on its tokens; the bff's clock follows it. */
  @BeforeEach
  void clockOfTheProvider() throws Exception {
    String token = issuer.idToken(LocalIssuer.MOBILE, "clock", "n");
    clock.set(SignedJWT.parse(token).getJWTClaimsSet().getIssueTime().toInstant());
  }

  // ---- the mobile token exchange

  @Test
  void anIdTokenOfTheProviderGivesCaliseraTokensAndTheFirstLoginRegistersTheAccount()
      throws Exception {
    String user = "wendy" + suffix();
    String idToken = issuer.idToken(LocalIssuer.MOBILE, user, "nonce-1");

    HttpResponse<String> answer = exchange(idToken, "nonce-1");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat((String) JsonPath.read(answer.body(), "$.tokenType")).isEqualTo("Bearer");
    assertThat((Integer) JsonPath.read(answer.body(), "$.expiresIn")).isEqualTo(900);
    String accountId = AccountIds.ofExternalIdentity(issuer.issuer(), user);
    HttpResponse<String> me = get("/api/v1/me", JsonPath.read(answer.body(), "$.accessToken"));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat((String) JsonPath.read(me.body(), "$.accountId")).isEqualTo(accountId);
    assertThat((String) JsonPath.read(me.body(), "$.email")).isEqualTo(user + "@example.com");
    assertThat((List<String>) JsonPath.read(me.body(), "$.roles")).containsExactly("CUSTOMER");

    exchange(issuer.idToken(LocalIssuer.MOBILE, user, "nonce-2"), null);
    assertThat(registrationsOf(accountId))
        .singleElement()
        .satisfies(r -> assertThat(r.roles()).containsExactly(Role.CUSTOMER));
  }

  @Test
  void anIdTokenForAnotherClientIsRefused() throws Exception {
    assertUnauthenticated(exchange(issuer.idToken(LocalIssuer.OTHER_APP, "olga", "n"), "n"));
  }

  @Test
  void anExpiredIdTokenIsRefused() throws Exception {
    String idToken = issuer.idToken(LocalIssuer.MOBILE, "ernie", "n");
    clock.advance(Duration.ofHours(2));
    assertUnauthenticated(exchange(idToken, "n"));
  }

  @Test
  void anIdTokenForAnotherNonceIsRefused() throws Exception {
    assertUnauthenticated(exchange(issuer.idToken(LocalIssuer.MOBILE, "nina", "mine"), "yours"));
  }

  @Test
  void anIdTokenOfAnIssuerThatIsNotConfiguredIsRefused() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
    Instant now = clock.instant();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(),
            new JWTClaimsSet.Builder()
                .issuer("https://unknown.example")
                .subject("ursula")
                .audience(LocalIssuer.MOBILE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("email", "ursula@example.com")
                .build());
    forged.sign(new RSASSASigner(key));
    assertUnauthenticated(exchange(forged.serialize(), null));
  }

  @Test
  void anIdTokenOfTheProviderSignedByAnotherKeyIsRefused() throws Exception {
    SignedJWT genuine = SignedJWT.parse(issuer.idToken(LocalIssuer.MOBILE, "sam", "n"));
    RSAKey stranger = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID()).build(),
            genuine.getJWTClaimsSet());
    forged.sign(new RSASSASigner(stranger));
    assertUnauthenticated(exchange(forged.serialize(), "n"));
  }

  @Test
  void devLoginDoesNotExistWhenItIsOff() throws Exception {
    HttpResponse<String> answer =
        post("/api/v1/auth/dev-login", "{\"email\":\"a@b.example\",\"name\":\"A\"}");
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat((String) JsonPath.read(answer.body(), "$.code")).isEqualTo("NOT_FOUND");
  }

  // ---- the browser's login

  @Test
  void theBrowserLogsInWithPkceLandsOnMyBookingsAndGetsOnlyASessionCookie() throws Exception {
    String user = "bella" + suffix();
    String accountId = AccountIds.ofExternalIdentity(issuer.issuer(), user);
    platform
        .on(FindCustomerBookingsQuery.class)
        .answerWith(
            query ->
                new BookingPage(
                    query.customerAccountId().equals(accountId)
                        ? List.of(Views.aBookingOnTuesdayAtNine("b-bella", "p-1", accountId))
                        : List.of(),
                    query.page(),
                    query.size(),
                    1));
    Browser.CookieJar cookies = new Browser.CookieJar();
    HttpClient browser = Browser.client(cookies);

    HttpResponse<String> loginPage = Browser.get(browser, BFF + "/oauth2/authorization/local");
    // the hop before the login page: the bff's authorization request at the provider
    URI authorizationRequest = loginPage.previousResponse().orElseThrow().uri();
    assertThat(authorizationRequest.getPath()).isEqualTo("/oauth2/authorize");
    assertThat(LocalIssuer.query(authorizationRequest))
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "nonce", "state");

    HttpResponse<String> landing = LocalIssuer.logIn(browser, loginPage, user);

    // My bookings (the default landing URL), signed in: its script lists the session's bookings
    assertThat(landing.uri().toString()).isEqualTo(BFF + "/account");
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.body())
        .contains(
            "Signed in as <strong>B" + user.substring(1) + "</strong> (" + user + "@example.com)")
        .contains("<script type=\"module\" src=\"/assets/account.js\"></script>");
    HttpResponse<String> mine =
        browser.send(
            HttpRequest.newBuilder(URI.create(BFF + "/api/v1/me/bookings?size=100"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(JsonPath.<List<String>>read(mine.body(), "$.items[*].bookingId"))
        .containsExactly("b-bella");
    assertThat(platform.sent(FindCustomerBookingsQuery.class))
        .extracting(FindCustomerBookingsQuery::customerAccountId)
        .containsExactly(accountId);
    HttpResponse<String> me = Browser.get(browser, BFF + "/api/v1/me");
    assertThat((String) JsonPath.read(me.body(), "$.accountId")).isEqualTo(accountId);

    assertThat(cookies.cookies("localhost").keySet())
        .containsExactlyInAnyOrder("CALISERA_SESSION", "XSRF-TOKEN");
    assertThat(cookies.setCookieHeaders())
        .filteredOn(h -> h.startsWith("CALISERA_SESSION="))
        .isNotEmpty()
        .allSatisfy(
            h -> assertThat(h).contains("HttpOnly").contains("Secure").contains("SameSite=Lax"));
    assertThat(cookies.setCookieHeaders())
        .noneMatch(h -> h.contains("eyJ")); // no token of the provider's reaches the browser
    assertThat(
            jdbc.sql("select count(*) from spring_session where principal_name = ?")
                .param(accountId)
                .query(Long.class)
                .single())
        .as("the session lives in PostgreSQL")
        .isEqualTo(1);
    assertThat(registrationsOf(accountId)).hasSize(1);

    HttpResponse<String> withoutCsrf =
        browser.send(
            HttpRequest.newBuilder(URI.create(BFF + "/api/v1/auth/logout"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(withoutCsrf.statusCode()).isEqualTo(403);
    assertThat((String) JsonPath.read(withoutCsrf.body(), "$.code")).isEqualTo("FORBIDDEN");

    HttpResponse<String> logout =
        browser.send(
            HttpRequest.newBuilder(URI.create(BFF + "/api/v1/auth/logout"))
                .header("X-XSRF-TOKEN", cookies.value("localhost", "XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(Browser.get(browser, BFF + "/api/v1/me").statusCode()).isEqualTo(401);
  }

  @Test
  void aFailedBrowserLoginComesBackToMyBookingsWhichSaysSo() throws Exception {
    HttpClient browser = Browser.client(new Browser.CookieJar());
    // a callback that belongs to no login this browser started (as after a refusal at the
    // provider, or a forged one)
    HttpResponse<String> back =
        Browser.get(browser, BFF + "/login/oauth2/code/local?code=forged&state=forged");
    assertThat(back.uri().toString()).isEqualTo(BFF + "/account?sign-in=failed");
    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(back.body())
        .contains("Signing in did not succeed")
        .contains("href=\"/oauth2/authorization/local\"")
        .doesNotContain("Signed in as");
  }

  @Test
  void anUnknownWebLoginProviderIs404() throws Exception {
    assertThat(get("/oauth2/authorization/nobody", null).statusCode()).isEqualTo(404);
  }

  // ---- helpers

  private List<RegisterAccountCommand> registrationsOf(String accountId) {
    return accounts.sent().stream()
        .map(FakeAccounts.Sent::command)
        .filter(c -> c instanceof RegisterAccountCommand r && r.accountId().equals(accountId))
        .map(RegisterAccountCommand.class::cast)
        .toList();
  }

  private HttpResponse<String> exchange(String idToken, String nonce) throws Exception {
    return post(
        "/api/v1/auth/token",
        nonce == null
            ? "{\"idToken\":\"" + idToken + "\"}"
            : "{\"idToken\":\"" + idToken + "\",\"nonce\":\"" + nonce + "\"}");
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(BFF + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(BFF + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertUnauthenticated(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat((String) JsonPath.read(answer.body(), "$.code")).isEqualTo("UNAUTHENTICATED");
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 6);
  }
}
