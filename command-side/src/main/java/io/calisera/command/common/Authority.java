package io.calisera.command.common;

import io.calisera.api.common.Actor;
import io.calisera.api.common.Role;

/**
 * Who may act with a provider owner's authority. Who may call what is the bff's job; the aggregates
 * check it again so that a wrong call from any sender cannot change someone else's calendar.
 */
public final class Authority {

  private Authority() {}

  /**
   * The owner, an {@code ADMIN}, or the platform itself ({@link Actor#SYSTEM}, e.g. declining a
   * pending booking at its start).
   */
  public static boolean actsAsOwner(Actor actor, String ownerAccountId) {
    return actor.accountId().equals(ownerAccountId) || isPlatform(actor);
  }

  /** An {@code ADMIN} or the platform itself. */
  public static boolean isPlatform(Actor actor) {
    return actor.has(Role.ADMIN) || Actor.SYSTEM_ID.equals(actor.accountId());
  }

  /** A person with an account: neither a guest nor the platform. */
  public static boolean isPerson(Actor actor) {
    return !actor.isGuest() && !Actor.SYSTEM_ID.equals(actor.accountId());
  }
}
