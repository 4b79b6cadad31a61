package io.calisera.bff.config;

import io.calisera.bff.BffProperties;
import io.calisera.bff.auth.AccessTokens;
import io.calisera.bff.auth.BrowserCsrfTokenRequestHandler;
import io.calisera.bff.auth.CallerAuthentication;
import io.calisera.bff.auth.EndpointAccess;
import io.calisera.bff.auth.Logins;
import io.calisera.bff.auth.ProblemAccessDeniedHandler;
import io.calisera.bff.auth.ProblemAuthenticationEntryPoint;
import io.calisera.bff.auth.WebLogin;
import io.calisera.bff.web.Problems;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who gets in, in one filter chain:
 *
 * <ul>
 *   <li>Calisera's access tokens as {@code Authorization: Bearer} (the bff is their resource
 *       server), or a browser session from the web login: both become a {@link
 *       CallerAuthentication};
 *   <li>each endpoint states who may call it ({@code @Public}, {@code @Authenticated},
 *       {@code @PreAuthorize}); the URL level requires authentication for all but {@code @Public}
 *       ones ({@link EndpointAccess}), method security checks the rest;
 *   <li>CSRF protection for state-changing requests of a browser session (the SPA pattern: cookie
 *       {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN}); requests with an {@code Authorization}
 *       header or without a session need none, a browser cannot forge either;
 *   <li>401 and 403 as problems; health and the API description public, other actuator endpoints
 *       closed.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Bean
  JwtDecoder jwtDecoder(AccessTokens accessTokens) {
    return accessTokens.decoder();
  }

  @Bean
  EndpointAccess endpointAccess(ObjectProvider<RequestMappingHandlerMapping> mappings) {
    return new EndpointAccess(mappings);
  }

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new DelegatingSecurityContextRepository(
        new RequestAttributeSecurityContextRepository(),
        new HttpSessionSecurityContextRepository());
  }

  @Bean
  ClientRegistrationRepository clientRegistrationRepository(BffProperties properties) {
    return new WebLogin.Registrations(properties);
  }

  /** The web login's ID tokens are checked against the bff's clock too. */
  @Bean
  JwtDecoderFactory<ClientRegistration> idTokenDecoderFactory(Clock clock) {
    var factory = new OidcIdTokenDecoderFactory();
    factory.setJwtValidatorFactory(
        registration -> {
          var timestamps = new JwtTimestampValidator();
          timestamps.setClock(clock);
          var oidc = new OidcIdTokenValidator(registration);
          oidc.setClock(clock);
          return new DelegatingOAuth2TokenValidator<>(List.of(timestamps, oidc));
        });
    return factory;
  }

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      JwtDecoder jwtDecoder,
      EndpointAccess endpoints,
      SecurityContextRepository contexts,
      ClientRegistrationRepository registrations,
      Logins logins,
      Problems problems,
      BffProperties properties)
      throws Exception {
    var entryPoint = new ProblemAuthenticationEntryPoint(problems);
    var denied = new ProblemAccessDeniedHandler(problems);
    http.authorizeHttpRequests(
            access ->
                access
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                    .permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/actuator", "/actuator/**")
                    .denyAll()
                    .requestMatchers(
                        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                    .permitAll()
                    .requestMatchers(endpoints.openToAnonymous())
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .jwt(
                        jwt ->
                            jwt.decoder(jwtDecoder)
                                .jwtAuthenticationConverter(
                                    token -> new CallerAuthentication(AccessTokens.caller(token))))
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(denied))
        .oauth2Login(
            login ->
                login
                    .clientRegistrationRepository(registrations)
                    .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                    .authorizationEndpoint(
                        authorization ->
                            authorization.authorizationRequestResolver(
                                WebLogin.authorizationRequests(registrations)))
                    .successHandler(new WebLogin.Success(logins, contexts, problems, properties))
                    .failureHandler(new WebLogin.Failure(properties))
                    // no generated login page: the client links to /oauth2/authorization/{id}
                    .loginPage("/oauth2/authorization"))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                    .csrfTokenRequestHandler(new BrowserCsrfTokenRequestHandler())
                    .requireCsrfProtectionMatcher(browserSessionChange()))
        .securityContext(context -> context.securityContextRepository(contexts))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .logout(logout -> logout.disable());
    return http.build();
  }

  /**
   * A request a browser could be tricked into sending with the user's session: a state-changing
   * method, a live session, and no {@code Authorization} header (which a browser never adds by
   * itself).
   */
  private static RequestMatcher browserSessionChange() {
    return request ->
        !SAFE_METHODS.contains(request.getMethod())
            && request.getHeader("Authorization") == null
            && request.getRequestedSessionId() != null
            && request.isRequestedSessionIdValid();
  }

  /** Every endpoint of the bff states who may call it; the bff does not start otherwise. */
  @EventListener(ApplicationStartedEvent.class)
  void everyEndpointStatesWhoMayCallIt(ApplicationStartedEvent started) {
    List<String> unguarded =
        started.getApplicationContext().getBean(EndpointAccess.class).unguarded();
    if (!unguarded.isEmpty()) {
      throw new IllegalStateException(
          "Endpoints without @Public, @Authenticated or @PreAuthorize: " + unguarded);
    }
  }
}
