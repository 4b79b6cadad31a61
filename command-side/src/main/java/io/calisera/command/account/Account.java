package io.calisera.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.calisera.api.account.AccountRegisteredEvent;
import io.calisera.api.account.GrantRolesCommand;
import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.account.RolesGrantedEvent;
import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.common.Role;
import io.calisera.command.common.Authority;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A person's account: the roles it holds. Name and email live in the events and read models. */
@Aggregate
class Account {

  @AggregateIdentifier private String accountId;
  private Set<Role> roles = new HashSet<>();

  Account() {}

  /**
   * Registers the account once. The bff sends this at every first-login attempt, possibly several
   * at once: a repeat is a no-op that stores nothing (its roles are not granted; that is what
   * {@link GrantRolesCommand} is for). Two concurrent first registrations on different instances
   * meet at the event store; the loser's retry finds the account and does nothing.
   */
  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  void handle(RegisterAccountCommand command) {
    if (accountId != null) {
      return;
    }
    apply(
        new AccountRegisteredEvent(
            command.accountId(),
            command.email(),
            command.name(),
            command.roles(),
            command.actor().accountId(),
            command.at()));
  }

  /** Only an {@code ADMIN} or the platform grants roles on request. */
  @CommandHandler
  void handle(GrantRolesCommand command) {
    if (!Authority.isPlatform(command.actor())) {
      throw RefusedException.of(RefusalCode.FORBIDDEN, "only an admin may grant roles");
    }
    grant(command.roles(), command.actor(), command.at());
  }

  /** Grants the roles not held yet; granting held roles stores nothing. */
  void grant(Set<Role> granted, Actor actor, Instant at) {
    Set<Role> missing = granted.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(granted);
    missing.removeAll(roles);
    if (!missing.isEmpty()) {
      apply(new RolesGrantedEvent(accountId, Set.copyOf(missing), actor.accountId(), at));
    }
  }

  @EventSourcingHandler
  void on(AccountRegisteredEvent event) {
    accountId = event.accountId();
    roles = new HashSet<>(event.roles());
  }

  @EventSourcingHandler
  void on(RolesGrantedEvent event) {
    roles.addAll(event.roles());
  }
}
