package io.calisera.bff.auth;

import io.calisera.bff.ratelimit.RateLimit;
import io.calisera.bff.ratelimit.RateLimited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The token endpoints of the mobile app (docs/api.md, "Authentication"). */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

  private final Logins logins;

  AuthController(Logins logins) {
    this.logins = logins;
  }

  record TokenExchangeRequest(
      @NotBlank @Size(max = 16384) String idToken, @Size(max = 512) String nonce) {}

  record RefreshRequest(@NotBlank @Size(max = 512) String refreshToken) {}

  @Public
  @RateLimited(RateLimit.LOGINS)
  @PostMapping("/token")
  @Operation(
      summary = "Exchange an OpenID Connect ID token for Calisera's tokens",
      description =
          "The ID token must come from a configured issuer; its signature, iss, aud, exp and, when"
              + " given, nonce are checked. The first login creates the account with role"
              + " CUSTOMER. 401 UNAUTHENTICATED for any token that does not pass.")
  ResponseEntity<TokenResponse> exchange(@Valid @RequestBody TokenExchangeRequest request) {
    return noStore(logins.exchange(request.idToken(), request.nonce()));
  }

  @Public
  @RateLimited(RateLimit.LOGINS)
  @PostMapping("/refresh")
  @Operation(
      summary = "Spend a refresh token for a new pair",
      description =
          "Refresh tokens rotate: the one sent stops working. Sending a spent one again revokes"
              + " every token of its login (401).")
  ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
    return noStore(logins.refresh(request.refreshToken()));
  }

  @Authenticated
  @PostMapping("/logout")
  @Operation(
      summary = "End the login",
      description =
          "Revokes the refresh tokens of the caller's login (a token login) or ends the browser"
              + " session (a web login). Access tokens already issued stay valid until they"
              + " expire.")
  ResponseEntity<Void> logout(@AuthenticationPrincipal Caller caller, HttpServletRequest request) {
    logins.logout(caller);
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    SecurityContextHolder.clearContext();
    return ResponseEntity.noContent().build();
  }

  static ResponseEntity<TokenResponse> noStore(TokenResponse tokens) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .header("Pragma", "no-cache")
        .body(tokens);
  }
}
