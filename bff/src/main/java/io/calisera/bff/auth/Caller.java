package io.calisera.bff.auth;

import io.calisera.api.common.Actor;
import io.calisera.api.common.Role;
import java.io.Serial;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;

/**
 * The authenticated caller of a request, whether it came with a Calisera access token or a browser
 * session: the principal of {@link CallerAuthentication}. Controllers get it with
 * {@code @AuthenticationPrincipal Caller caller}, or its {@link Actor} with {@code @CurrentActor}.
 *
 * @param accountId the account (the token's {@code sub})
 * @param email the account's email as of login
 * @param name the account's name as of login
 * @param roles the roles as of login or the last refresh
 * @param sessionId the refresh-token family of a token login, {@code null} for a browser session
 */
public record Caller(String accountId, String email, String name, Set<Role> roles, String sessionId)
    implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  public Caller {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /** Who sends commands on behalf of this caller. */
  public Actor actor() {
    return Actor.account(accountId, roles);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
