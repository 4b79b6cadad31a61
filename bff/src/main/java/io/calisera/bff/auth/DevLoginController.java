package io.calisera.bff.auth;

import io.calisera.api.common.Role;
import io.calisera.bff.ratelimit.RateLimit;
import io.calisera.bff.ratelimit.RateLimited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A login without an identity provider, with any roles: for local use and tests only. It exists
 * only when {@link DevLoginCondition} says so; otherwise the path is an unknown one (404).
 */
@RestController
@Conditional(DevLoginCondition.class)
@Tag(name = "Authentication")
class DevLoginController {

  private static final Logger LOG = LoggerFactory.getLogger(DevLoginController.class);

  private final Logins logins;

  DevLoginController(Logins logins) {
    this.logins = logins;
    LOG.warn("**************************************************************************");
    LOG.warn("* DEV-LOGIN IS ON: POST /api/v1/auth/dev-login gives ANYONE ANY ROLE,     *");
    LOG.warn("* ADMIN included. Never run it like this where others can reach it; set  *");
    LOG.warn("* CALISERA_AUTH_DEV_LOGIN=false to turn it off.                           *");
    LOG.warn("**************************************************************************");
  }

  record DevLoginRequest(
      @NotBlank @Email @Size(max = 254) String email,
      @NotBlank @Size(max = 200) String name,
      List<@NotNull Role> roles) {}

  @Public
  @RateLimited(RateLimit.LOGINS)
  @PostMapping("/api/v1/auth/dev-login")
  @Operation(
      summary = "Log in as anyone, with any roles (local use and tests only)",
      description =
          "Only when calisera.auth.dev-login is on. The account id is derived from the email; the"
              + " account gets CUSTOMER and the roles asked for.")
  ResponseEntity<TokenResponse> devLogin(@Valid @RequestBody DevLoginRequest request) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (request.roles() != null) {
      roles.addAll(request.roles());
    }
    return AuthController.noStore(logins.devLogin(request.email(), request.name(), roles));
  }
}
