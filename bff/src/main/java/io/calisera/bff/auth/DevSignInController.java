package io.calisera.bff.auth;

import io.calisera.bff.ratelimit.RateLimit;
import io.calisera.bff.ratelimit.RateLimited;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The browser's dev sign-in ({@code /account}'s form): dev-login's counterpart for the web pages,
 * through the same session machinery as the web login ({@link WebLogin.Success}): the session's
 * principal becomes the person's Calisera account (a {@code CUSTOMER}), in a new session id. It
 * exists only where dev-login does ({@link DevLoginCondition}).
 */
@Controller
@Conditional(DevLoginCondition.class)
@Hidden
class DevSignInController {

  private static final Logger LOG = LoggerFactory.getLogger(DevSignInController.class);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");

  private final Logins logins;
  private final SecurityContextRepository contexts;

  DevSignInController(Logins logins, SecurityContextRepository contexts) {
    this.logins = logins;
    this.contexts = contexts;
  }

  @Public
  @RateLimited(RateLimit.LOGINS)
  @PostMapping(
      path = "/account/dev-sign-in",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<Void> signIn(
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String name,
      HttpServletRequest request,
      HttpServletResponse response) {
    String mail = email.trim();
    String person = name.trim();
    if (!EMAIL.matcher(mail).matches() || person.isEmpty() || person.length() > 200) {
      return ResponseEntity.status(HttpStatus.SEE_OTHER)
          .location(URI.create("/account?sign-in=invalid"))
          .build();
    }
    Caller caller = logins.devWebLogin(mail, person);
    request.getSession(true);
    request.changeSessionId();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new CallerAuthentication(caller));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    LOG.info("Dev sign-in of account {} in a browser", caller.accountId());
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/account")).build();
  }
}
