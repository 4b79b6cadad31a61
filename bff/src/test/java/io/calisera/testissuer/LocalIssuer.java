package io.calisera.testissuer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * An external OpenID Connect provider for tests: Spring Authorization Server in this JVM on a
 * random port of 127.0.0.1 (a host of its own for cookies, as a real provider has). Any user name
 * logs in with the password {@code secret} and becomes the subject; ID tokens carry {@code email}
 * ({@code <name>@example.com}) and {@code name}. Clients: {@code calisera-mobile} and {@code
 * other-app} (public, PKCE) for ID tokens the test exchanges, {@code calisera-web} (confidential,
 * PKCE required) for the bff's web login.
 */
public final class LocalIssuer implements AutoCloseable {

  public static final String PASSWORD = "secret";
  public static final String MOBILE = "calisera-mobile";
  public static final String OTHER_APP = "other-app";
  public static final String WEB = "calisera-web";
  public static final String WEB_SECRET = "web-secret";

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final Pattern CSRF_REVERSED =
      Pattern.compile("value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private final ConfigurableApplicationContext context;
  private final int port;

  private LocalIssuer(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /** Starts the provider; the web client may redirect to {@code webRedirectUri}. */
  public static LocalIssuer start(String webRedirectUri) {
    // command-line arguments: they win over any configuration file on the test class path
    return new LocalIssuer(
        new SpringApplicationBuilder(Server.class)
            .run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.config.name=local-issuer",
                "--spring.main.banner-mode=off",
                "--local-issuer.web-redirect-uri=" + webRedirectUri));
  }

  public String issuer() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    context.close();
  }

  /**
   * An ID token for {@code user} as a mobile app gets it: the authorization-code flow with PKCE and
   * a nonce, the login form filled in, the code exchanged at the token endpoint.
   */
  public String idToken(String clientId, String user, String nonce) {
    try {
      HttpClient browser = Browser.client(new Browser.CookieJar());
      String redirectUri = issuer() + "/app-callback";
      String verifier = randomString();
      String challenge =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  MessageDigest.getInstance("SHA-256")
                      .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
      String authorize =
          issuer()
              + "/oauth2/authorize?"
              + form(
                  Map.of(
                      "response_type",
                      "code",
                      "client_id",
                      clientId,
                      "redirect_uri",
                      redirectUri,
                      "scope",
                      "openid email profile",
                      "state",
                      randomString(),
                      "nonce",
                      nonce,
                      "code_challenge",
                      challenge,
                      "code_challenge_method",
                      "S256"));
      HttpResponse<String> loginPage = Browser.get(browser, authorize);
      HttpResponse<String> afterLogin = logIn(browser, loginPage, user);
      String code = query(afterLogin.uri()).get("code");
      if (code == null) {
        throw new IllegalStateException("no code: " + afterLogin.uri());
      }
      HttpResponse<String> tokens =
          browser.send(
              HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          form(
                              Map.of(
                                  "grant_type", "authorization_code",
                                  "code", code,
                                  "redirect_uri", redirectUri,
                                  "client_id", clientId,
                                  "code_verifier", verifier))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher idToken = Pattern.compile("\"id_token\"\\s*:\\s*\"([^\"]+)\"").matcher(tokens.body());
      if (!idToken.find()) {
        throw new IllegalStateException("no id_token: " + tokens.body());
      }
      return idToken.group(1);
    } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fills in the provider's login form shown by {@code loginPage} and follows where it leads. */
  public static HttpResponse<String> logIn(
      HttpClient browser, HttpResponse<String> loginPage, String user)
      throws IOException, InterruptedException {
    if (!loginPage.uri().getPath().equals("/login")) {
      throw new IllegalStateException(
          "expected the login page, got "
              + loginPage.statusCode()
              + " "
              + loginPage.uri()
              + " "
              + loginPage.headers().map()
              + " "
              + loginPage.body());
    }
    Matcher csrf = CSRF.matcher(loginPage.body());
    if (!csrf.find()) {
      csrf = CSRF_REVERSED.matcher(loginPage.body());
      if (!csrf.find()) {
        throw new IllegalStateException("no CSRF token on the login page");
      }
    }
    return browser.send(
        HttpRequest.newBuilder(loginPage.uri())
            .header("Accept", Browser.ACCEPT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    form(Map.of("username", user, "password", PASSWORD, "_csrf", csrf.group(1)))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  public static Map<String, String> query(URI uri) {
    if (uri.getRawQuery() == null) {
      return Map.of();
    }
    return java.util.Arrays.stream(uri.getRawQuery().split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                p -> p[0],
                p -> p.length > 1 ? java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "",
                (a, b) -> a));
  }

  private static String randomString() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The authorization server's application: only the auto-configurations it needs. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @ImportAutoConfiguration({
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    ServletWebSecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class,
    OAuth2AuthorizationServerAutoConfiguration.class,
    OAuth2AuthorizationServerJwtAutoConfiguration.class
  })
  static class Server {

    @Bean
    RegisteredClientRepository clients(Environment env) {
      return new InMemoryRegisteredClientRepository(
          publicClient(MOBILE),
          publicClient(OTHER_APP),
          RegisteredClient.withId(UUID.randomUUID().toString())
              .clientId(WEB)
              .clientSecret("{noop}" + WEB_SECRET)
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
              .redirectUri(env.getRequiredProperty("local-issuer.web-redirect-uri"))
              .scope(OidcScopes.OPENID)
              .scope(OidcScopes.EMAIL)
              .scope(OidcScopes.PROFILE)
              .clientSettings(
                  ClientSettings.builder()
                      .requireProofKey(true)
                      .requireAuthorizationConsent(false)
                      .build())
              .build());
    }

    private static RegisteredClient publicClient(String clientId) {
      return RegisteredClient.withId(UUID.randomUUID().toString())
          .clientId(clientId)
          .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .redirectUri("http://127.0.0.1/app-callback")
          .scope(OidcScopes.OPENID)
          .scope(OidcScopes.EMAIL)
          .scope(OidcScopes.PROFILE)
          .clientSettings(
              ClientSettings.builder()
                  .requireProofKey(true)
                  .requireAuthorizationConsent(false)
                  .build())
          .build();
    }

    /** Anyone with the password {@code secret}: the user name is the subject. */
    @Bean
    UserDetailsService users() {
      return username ->
          User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims() {
      return context -> {
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          String user = context.getPrincipal().getName();
          context
              .getClaims()
              .claim("email", user + "@example.com")
              .claim("name", user.substring(0, 1).toUpperCase(Locale.ROOT) + user.substring(1));
        }
      };
    }
  }

  static Duration timeout() {
    return Duration.ofSeconds(30);
  }
}
