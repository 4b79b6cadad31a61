package io.calisera.api.common;

import java.util.Set;

/**
 * Who sends a command: an account with its roles, a guest holding a booking's capability, or the
 * platform itself. Events record the actor's {@link #accountId()} as {@code by}.
 *
 * @param accountId the account id, or {@link #GUEST_ID} or {@link #SYSTEM_ID}
 * @param roles the account's roles (empty for guests and the system)
 */
public record Actor(String accountId, Set<Role> roles) {

  public static final String GUEST_ID = "guest";
  public static final String SYSTEM_ID = "system";

  public static final Actor GUEST = new Actor(GUEST_ID, Set.of());
  public static final Actor SYSTEM = new Actor(SYSTEM_ID, Set.of());

  public Actor {
    Require.text(accountId, "actor.accountId", 100);
    roles = Set.copyOf(Require.notNull(roles, "actor.roles"));
  }

  public static Actor account(String accountId, Set<Role> roles) {
    return new Actor(accountId, roles);
  }

  public boolean isGuest() {
    return GUEST_ID.equals(accountId);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
