package io.calisera.api.audit;

import io.calisera.api.common.Actor;
import io.calisera.api.common.Role;
import java.util.Set;

/** In what capacity an actor caused an event, as the audit shows it. */
public enum ActorKind {
  /** A person acting for themself, e.g. booking or cancelling their own booking. */
  CUSTOMER,
  /** The owner of the provider the event is about. */
  OWNER,
  /** Someone without an account, holding a booking's capability. */
  GUEST,
  /** An {@code ADMIN} acting on someone else's provider or account. */
  ADMIN,
  /** The platform itself, e.g. declining a pending booking at its start. */
  SYSTEM;

  /**
   * The kind of an event's actor, from the actor (in the event's metadata) and the owner of the
   * provider it is about ({@code null} for events about no provider, e.g. an account's).
   */
  public static ActorKind of(String accountId, Set<Role> roles, String ownerAccountId) {
    if (Actor.SYSTEM_ID.equals(accountId)) {
      return SYSTEM;
    }
    if (Actor.GUEST_ID.equals(accountId)) {
      return GUEST;
    }
    if (accountId != null && accountId.equals(ownerAccountId)) {
      return OWNER;
    }
    if (roles.contains(Role.ADMIN)) {
      return ADMIN;
    }
    return CUSTOMER;
  }
}
