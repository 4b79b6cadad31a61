package io.calisera.bff.auth;

import io.calisera.bff.BffProperties;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The browser login (the BFF pattern): the authorization-code flow with PKCE against a configured
 * provider, run by Spring Security's OAuth2 client. The provider's tokens stay in the server-side
 * session; once the person is known, the session's authentication becomes a {@link
 * CallerAuthentication} for their Calisera account (the principal a Bearer token gives), and the
 * browser is sent to the landing URL.
 */
public final class WebLogin {

  private static final Logger LOG = LoggerFactory.getLogger(WebLogin.class);

  /** {@code /account?sign-in=}: the web login did not succeed. */
  public static final String FAILED = "failed";

  /** {@code /account?sign-in=}: the identity provider did not share the person's email address. */
  public static final String NO_EMAIL = "no-email";

  private WebLogin() {}

  /**
   * The providers that have a client id and secret, by registration id. Discovery runs at the first
   * login through a provider, not at startup, so that the bff starts while a provider is away.
   */
  public static final class Registrations implements ClientRegistrationRepository {

    private final Map<String, BffProperties.Provider> providers;
    private final String redirectUri;
    private final Map<String, ClientRegistration> resolved = new ConcurrentHashMap<>();

    public Registrations(BffProperties properties) {
      this.providers = new ConcurrentHashMap<>();
      properties.auth().providers().entrySet().stream()
          .filter(e -> e.getValue().hasWebLogin())
          .forEach(e -> providers.put(e.getKey(), e.getValue()));
      this.redirectUri = properties.issuer() + "/login/oauth2/code/{registrationId}";
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
      BffProperties.Provider provider = providers.get(registrationId);
      if (provider == null) {
        return null;
      }
      return resolved.computeIfAbsent(
          registrationId,
          id ->
              ClientRegistrations.fromIssuerLocation(provider.issuerUri())
                  .registrationId(id)
                  .clientId(provider.clientId())
                  .clientSecret(provider.clientSecret())
                  .scope(provider.scopes())
                  .redirectUri(redirectUri)
                  .build());
    }
  }

  /**
   * Authorization requests with PKCE; an unknown registration id is an unknown path (404), not
   * Spring Security's 500.
   */
  public static OAuth2AuthorizationRequestResolver authorizationRequests(
      ClientRegistrationRepository registrations) {
    var resolver =
        new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
    resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    return new OAuth2AuthorizationRequestResolver() {
      @Override
      public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        try {
          return resolver.resolve(request);
        } catch (IllegalArgumentException unknownRegistration) {
          return null;
        }
      }

      @Override
      public OAuth2AuthorizationRequest resolve(
          HttpServletRequest request, String clientRegistrationId) {
        try {
          return resolver.resolve(request, clientRegistrationId);
        } catch (IllegalArgumentException unknownRegistration) {
          return null;
        }
      }
    };
  }

  /** Makes the session's principal the person's Calisera account and goes to the landing URL. */
  public static final class Success implements AuthenticationSuccessHandler {

    private final Logins logins;
    private final SecurityContextRepository contexts;
    private final Problems problems;
    private final String landingUrl;
    private final String noEmailPage;

    public Success(
        Logins logins,
        SecurityContextRepository contexts,
        Problems problems,
        BffProperties properties) {
      this.logins = logins;
      this.contexts = contexts;
      this.problems = problems;
      URI landing = properties.auth().landingUrl();
      this.landingUrl =
          landing == null || landing.toString().isBlank()
              ? properties.issuer() + "/account"
              : landing.toString();
      this.noEmailPage = properties.issuer() + "/account?sign-in=" + NO_EMAIL;
    }

    @Override
    public void onAuthenticationSuccess(
        HttpServletRequest request, HttpServletResponse response, Authentication authentication)
        throws IOException {
      if (!(authentication.getPrincipal() instanceof OidcUser user)) {
        throw new IllegalStateException("web login needs an OpenID Connect provider");
      }
      String name = user.getFullName();
      if (name == null || name.isBlank()) {
        name = user.getPreferredUsername();
      }
      if (name == null || name.isBlank()) {
        name = user.getEmail();
      }
      if (user.getEmail() == null || user.getEmail().isBlank()) {
        LOG.info("Web login without an email address from {}", user.getIssuer());
        response.sendRedirect(noEmailPage);
        return;
      }
      Caller caller;
      try {
        caller =
            logins.webLogin(
                user.getIdToken().getClaimAsString("iss"),
                user.getSubject(),
                user.getEmail(),
                name);
      } catch (ApiProblem problem) {
        problems.write(request, response, problem.code(), problem.detail());
        return;
      }
      SecurityContext context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(new CallerAuthentication(caller));
      SecurityContextHolder.setContext(context);
      contexts.saveContext(context, request, response);
      LOG.info("Web login of account {}", caller.accountId());
      response.sendRedirect(landingUrl);
    }
  }

  /**
   * A failed web login (refused at the provider, a callback that belongs to no login of this
   * browser) goes back to My bookings, which says so and offers the ways to sign in again.
   */
  public static final class Failure implements AuthenticationFailureHandler {

    private final String page;

    public Failure(BffProperties properties) {
      this.page = properties.issuer() + "/account?sign-in=" + FAILED;
    }

    @Override
    public void onAuthenticationFailure(
        HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
        throws IOException {
      LOG.info("Web login failed: {}", e.getMessage());
      response.sendRedirect(page);
    }
  }
}
