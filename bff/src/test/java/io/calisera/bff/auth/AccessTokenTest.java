package io.calisera.bff.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.Jwts;
import io.calisera.bff.testing.Logins;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import io.calisera.bff.testing.Views;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Calisera's access tokens: what they carry, that the JWKS verifies them, and that every endpoint
 * that needs authentication refuses a missing or bad token with a 401 problem, and every endpoint
 * for some callers only refuses the others with a 403 problem and sends nothing.
 */
@BffTest
class AccessTokenTest {

  private static final String ISSUER = "https://api.calisera.test";

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired SigningKeys keys;
  @Autowired StubPlatform platform;

  @BeforeEach
  void startOfTheTest() {
    clock.set(BffTestConfiguration.START);
  }

  private static final String ID = "00000000-0000-4000-8000-000000000001";

  /**
   * Every endpoint that needs a caller (a token, or for a booking its capability), with a body
   * where it takes one: without a token it is 401, and so with a bad one.
   */
  static Stream<Arguments> authenticatedEndpoints() {
    String profile = "{\"displayName\":\"Salon\",\"timeZone\":\"Europe/Berlin\"}";
    String service = "{\"name\":\"Cut\",\"durationMinutes\":30}";
    return Stream.of(
        Arguments.of(HttpMethod.GET, "/api/v1/me", null),
        Arguments.of(HttpMethod.POST, "/api/v1/auth/logout", null),
        Arguments.of(HttpMethod.GET, "/test/admins-only", null),
        Arguments.of(HttpMethod.POST, "/api/v1/admin/projections/analytics/replay", null),
        Arguments.of(HttpMethod.GET, "/api/v1/admin/projections/analytics/replay", null),
        Arguments.of(HttpMethod.POST, "/api/v1/providers", profile),
        Arguments.of(HttpMethod.PUT, "/api/v1/providers/" + ID, profile),
        Arguments.of(HttpMethod.POST, "/api/v1/providers/" + ID + "/services", service),
        Arguments.of(HttpMethod.PUT, "/api/v1/providers/" + ID + "/services/" + ID, service),
        Arguments.of(HttpMethod.DELETE, "/api/v1/providers/" + ID + "/services/" + ID, null),
        Arguments.of(HttpMethod.PUT, "/api/v1/providers/" + ID + "/availability", "{}"),
        Arguments.of(HttpMethod.GET, "/api/v1/providers/" + ID + "/bookings", null),
        Arguments.of(
            HttpMethod.GET,
            "/api/v1/providers/" + ID + "/insights?from=2026-03-01&to=2026-03-31",
            null),
        Arguments.of(
            HttpMethod.GET,
            "/api/v1/providers/" + ID + "/insights/chart.svg?from=2026-03-01&to=2026-03-31",
            null),
        Arguments.of(HttpMethod.GET, "/api/v1/me/bookings", null),
        Arguments.of(HttpMethod.GET, "/api/v1/bookings/" + ID, null),
        Arguments.of(HttpMethod.POST, "/api/v1/bookings/" + ID + "/cancel", "{}"),
        Arguments.of(
            HttpMethod.POST,
            "/api/v1/bookings/" + ID + "/reschedule",
            "{\"start\":\"2026-06-02T09:00:00+02:00\"}"),
        Arguments.of(HttpMethod.POST, "/api/v1/bookings/" + ID + "/confirm", null),
        Arguments.of(HttpMethod.POST, "/api/v1/bookings/" + ID + "/decline", "{}"),
        Arguments.of(HttpMethod.POST, "/api/v1/bookings/" + ID + "/complete", null),
        Arguments.of(HttpMethod.POST, "/api/v1/bookings/" + ID + "/no-show", null),
        Arguments.of(HttpMethod.GET, "/api/v1/bookings/" + ID + "/notifications", null),
        Arguments.of(
            HttpMethod.POST, "/api/v1/me/devices", "{\"platform\":\"FCM\",\"token\":\"t\"}"),
        Arguments.of(HttpMethod.DELETE, "/api/v1/me/devices/t", null));
  }

  static Stream<Arguments> badTokensForEveryEndpoint() {
    return authenticatedEndpoints()
        .flatMap(
            endpoint ->
                Stream.of(
                        "unsigned",
                        "wrongKey",
                        "expired",
                        "wrongIssuer",
                        "wrongAudience",
                        "tampered",
                        "notAnAccessToken",
                        "garbage")
                    .map(
                        kind ->
                            Arguments.of(
                                endpoint.get()[0], endpoint.get()[1], endpoint.get()[2], kind)));
  }

  /** Who an endpoint does not admit though authenticated. */
  enum Outsider {
    /** A customer who owns no provider and holds no booking. */
    STRANGER,
    /** An account without the {@code CUSTOMER} role. */
    NO_CUSTOMER
  }

  /**
   * Every endpoint that admits some authenticated callers only, with one it does not admit: the
   * provider {@code ID} and the booking {@code ID} belong to someone else.
   */
  static Stream<Arguments> endpointsForSomeCallers() {
    String profile = "{\"displayName\":\"Salon\",\"timeZone\":\"Europe/Berlin\"}";
    String service = "{\"name\":\"Cut\",\"durationMinutes\":30}";
    String booking =
        "{\"providerId\":\""
            + ID
            + "\",\"serviceId\":\""
            + ID
            + "\",\"start\":\"2026-06-02T09:00:00+02:00\"}";
    return Stream.of(
        Arguments.of(HttpMethod.GET, "/test/admins-only", null, Outsider.STRANGER),
        Arguments.of(
            HttpMethod.POST, "/api/v1/admin/projections/analytics/replay", null, Outsider.STRANGER),
        Arguments.of(
            HttpMethod.GET, "/api/v1/admin/projections/analytics/replay", null, Outsider.STRANGER),
        Arguments.of(HttpMethod.PUT, "/api/v1/providers/" + ID, profile, Outsider.STRANGER),
        Arguments.of(
            HttpMethod.POST, "/api/v1/providers/" + ID + "/services", service, Outsider.STRANGER),
        Arguments.of(
            HttpMethod.PUT,
            "/api/v1/providers/" + ID + "/services/" + ID,
            service,
            Outsider.STRANGER),
        Arguments.of(
            HttpMethod.DELETE,
            "/api/v1/providers/" + ID + "/services/" + ID,
            null,
            Outsider.STRANGER),
        Arguments.of(
            HttpMethod.PUT, "/api/v1/providers/" + ID + "/availability", "{}", Outsider.STRANGER),
        Arguments.of(
            HttpMethod.GET, "/api/v1/providers/" + ID + "/bookings", null, Outsider.STRANGER),
        Arguments.of(
            HttpMethod.GET,
            "/api/v1/providers/" + ID + "/insights?from=2026-03-01&to=2026-03-31",
            null,
            Outsider.STRANGER),
        Arguments.of(
            HttpMethod.GET,
            "/api/v1/providers/" + ID + "/insights/chart.svg?from=2026-03-01&to=2026-03-31",
            null,
            Outsider.STRANGER),
        Arguments.of(HttpMethod.GET, "/api/v1/me/bookings", null, Outsider.NO_CUSTOMER),
        Arguments.of(HttpMethod.POST, "/api/v1/bookings", booking, Outsider.NO_CUSTOMER),
        Arguments.of(HttpMethod.GET, "/api/v1/bookings/" + ID, null, Outsider.STRANGER),
        Arguments.of(
            HttpMethod.POST, "/api/v1/bookings/" + ID + "/cancel", "{}", Outsider.STRANGER),
        Arguments.of(
            HttpMethod.POST,
            "/api/v1/bookings/" + ID + "/reschedule",
            "{\"start\":\"2026-06-02T09:00:00+02:00\"}",
            Outsider.STRANGER),
        Arguments.of(
            HttpMethod.POST, "/api/v1/bookings/" + ID + "/confirm", null, Outsider.STRANGER),
        Arguments.of(
            HttpMethod.POST, "/api/v1/bookings/" + ID + "/decline", "{}", Outsider.STRANGER),
        Arguments.of(
            HttpMethod.POST, "/api/v1/bookings/" + ID + "/complete", null, Outsider.STRANGER),
        Arguments.of(
            HttpMethod.POST, "/api/v1/bookings/" + ID + "/no-show", null, Outsider.STRANGER));
  }

  @ParameterizedTest(name = "{0} {1} by a {3}")
  @MethodSource("endpointsForSomeCallers")
  void aCallerTheEndpointDoesNotAdmitIs403AndNothingIsSent(
      HttpMethod method, String path, String body, Outsider outsider) throws Exception {
    platform.on(new FindProviderQuery(ID)).answer(Views.aSalonInBerlin(ID, "someone-else"));
    platform
        .on(new FindBookingQuery(ID))
        .answer(Views.aBookingOnTuesdayAtNine(ID, ID, "someone-else"));
    String token =
        switch (outsider) {
          case STRANGER -> Logins.devLogin(mvc, unique("sam")).accessToken();
          case NO_CUSTOMER ->
              Jwts.ofAccountWithRoles(keys.signingKey(), clock.instant(), "AUDITOR");
        };

    mvc.perform(withBody(request(method, path), body).header("Authorization", "Bearer " + token))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    assertThat(platform.commands()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("authenticatedEndpoints")
  void withoutATokenTheAnswerIs401(HttpMethod method, String path, String body) throws Exception {
    mvc.perform(withBody(request(method, path), body))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(jsonPath("$.type").exists())
        .andExpect(jsonPath("$.title").exists())
        .andExpect(jsonPath("$.detail").exists());
  }

  @ParameterizedTest(name = "{0} {1} with a token that is {3}")
  @MethodSource("badTokensForEveryEndpoint")
  void aBadTokenIs401(HttpMethod method, String path, String body, String kind) throws Exception {
    String token = badToken(kind);
    mvc.perform(withBody(request(method, path), body).header("Authorization", "Bearer " + token))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
  }

  @Test
  void theRightTokenIsLetIn() throws Exception {
    String customer = Logins.devLogin(mvc, unique("cara")).accessToken();
    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + customer))
        .andExpect(status().isOk());
  }

  @Test
  void aCustomerIsForbiddenWhatOnlyAdminsMayDo() throws Exception {
    String customer = Logins.devLogin(mvc, unique("cara")).accessToken();
    mvc.perform(get("/test/admins-only").header("Authorization", "Bearer " + customer))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
  }

  @Test
  void anAdminMayAndActsAsTheirAccount() throws Exception {
    String email = unique("ada");
    String admin = Logins.devLogin(mvc, email, "ADMIN").accessToken();
    mvc.perform(get("/test/admins-only").header("Authorization", "Bearer " + admin))
        .andExpect(status().isOk())
        .andExpect(content().string(AccountIds.ofDevLogin(email)));
  }

  @Test
  void anAnonymousCallerActsAsAGuest() throws Exception {
    mvc.perform(get("/test/actor")).andExpect(content().string("guest"));
  }

  @Test
  void aTokenCarriesTheContractsClaimsAndVerifiesWithThePublishedKeys() throws Exception {
    String email = unique("tom");
    String token = Logins.devLogin(mvc, email, "AUDITOR").accessToken();
    String jwks =
        mvc.perform(get("/.well-known/jwks.json"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    SignedJWT jwt = SignedJWT.parse(token);
    JWKSet published = JWKSet.parse(jwks);
    JWK key = published.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(key).as("the signing key is published").isNotNull();
    assertThat(key.isPrivate()).isFalse();
    assertThat(jwks).doesNotContain("\"d\"");
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
    assertThat(jwt.verify(new ECDSAVerifier((ECKey) key))).isTrue();

    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(AccountIds.ofDevLogin(email));
    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getAudience()).containsExactly("calisera-api");
    assertThat(claims.getStringListClaim("roles")).containsExactly("CUSTOMER", "AUDITOR");
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(BffTestConfiguration.START);
    assertThat(claims.getExpirationTime().toInstant())
        .isEqualTo(BffTestConfiguration.START.plus(Duration.ofMinutes(15)));
    assertThat(claims.getJWTID()).isNotBlank();
  }

  @Test
  void aTokenExpiresAfterFifteenMinutes() throws Exception {
    String token = Logins.devLogin(mvc, unique("eve")).accessToken();
    clock.advance(Duration.ofMinutes(14));
    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk());
    clock.advance(Duration.ofMinutes(2));
    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
        .andExpect(status().isUnauthorized());
  }

  private static MockHttpServletRequestBuilder withBody(
      MockHttpServletRequestBuilder request, String body) {
    return body == null ? request : request.contentType(MediaType.APPLICATION_JSON).content(body);
  }

  private String badToken(String kind) throws Exception {
    String subject = "acc-" + UUID.randomUUID();
    Instant now = clock.instant();
    JWK key = keys.signingKey();
    JWTClaimsSet valid =
        Jwts.claims(ISSUER, "calisera-api", subject, now, now.plusSeconds(900)).build();
    return switch (kind) {
      case "unsigned" -> Jwts.unsigned(valid);
      case "wrongKey" -> Jwts.sign(Jwts.strangerKey(key.getKeyID()), valid);
      case "expired" ->
          Jwts.sign(
              key,
              Jwts.claims(
                      ISSUER,
                      "calisera-api",
                      subject,
                      now.minusSeconds(3600),
                      now.minusSeconds(1800))
                  .build());
      case "wrongIssuer" ->
          Jwts.sign(
              key,
              Jwts.claims(
                      "https://evil.example", "calisera-api", subject, now, now.plusSeconds(900))
                  .build());
      case "wrongAudience" ->
          Jwts.sign(
              key, Jwts.claims(ISSUER, "another-api", subject, now, now.plusSeconds(900)).build());
      case "tampered" -> Jwts.tampered(Logins.devLogin(mvc, unique("tam")).accessToken());
      case "notAnAccessToken" -> idTokenShaped(key, valid);
      case "garbage" -> "not.a.jwt";
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** Signed by Calisera's key with all the right claims, but typed as a plain JWT. */
  private static String idTokenShaped(JWK key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner((ECKey) key));
    return jwt.serialize();
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  static List<String> roles(String json) {
    return JsonPath.read(json, "$.roles");
  }
}
