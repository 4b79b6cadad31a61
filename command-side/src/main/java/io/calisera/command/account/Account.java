package io.calisera.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.calisera.api.account.AccountRegisteredEvent;
import io.calisera.api.account.DevicePlatform;
import io.calisera.api.account.DeviceRegisteredEvent;
import io.calisera.api.account.DeviceUnregisteredEvent;
import io.calisera.api.account.GrantRolesCommand;
import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.account.RegisterDeviceCommand;
import io.calisera.api.account.RolesGrantedEvent;
import io.calisera.api.account.UnregisterDeviceCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.common.Role;
import io.calisera.command.common.Authority;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person's account: the roles it holds and its push devices. Name and email live in the events
 * and read models.
 */
@Aggregate
class Account {

  @AggregateIdentifier private String accountId;
  private Set<Role> roles = new HashSet<>();

  /** Token to platform, oldest registration first. */
  private Map<String, DevicePlatform> devices = new LinkedHashMap<>();

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

  /**
   * A device for push messages, by the account itself (or an {@code ADMIN}, or the platform). The
   * same token on the same platform again stores nothing; a token moved to another platform is
   * registered anew. Beyond {@link RegisterDeviceCommand#MAX_DEVICES}, the device registered
   * longest ago is removed: tokens go stale when apps are reinstalled, and nobody removes those.
   */
  @CommandHandler
  void handle(RegisterDeviceCommand command) {
    requireOwnAccount(command.actor());
    if (command.platform() == devices.get(command.token())) {
      return;
    }
    String by = command.actor().accountId();
    if (devices.containsKey(command.token())) {
      apply(new DeviceUnregisteredEvent(accountId, command.token(), by, command.at()));
    }
    while (devices.size() >= RegisterDeviceCommand.MAX_DEVICES) {
      String oldest = devices.keySet().iterator().next();
      apply(new DeviceUnregisteredEvent(accountId, oldest, by, command.at()));
    }
    apply(
        new DeviceRegisteredEvent(
            accountId, command.platform(), command.token(), by, command.at()));
  }

  /** Removing a device the account does not have stores nothing. */
  @CommandHandler
  void handle(UnregisterDeviceCommand command) {
    requireOwnAccount(command.actor());
    if (devices.containsKey(command.token())) {
      apply(
          new DeviceUnregisteredEvent(
              accountId, command.token(), command.actor().accountId(), command.at()));
    }
  }

  private void requireOwnAccount(Actor actor) {
    if (!actor.accountId().equals(accountId) && !Authority.isPlatform(actor)) {
      throw RefusedException.of(
          RefusalCode.FORBIDDEN, "only the account itself registers its devices");
    }
  }

  @EventSourcingHandler
  void on(DeviceRegisteredEvent event) {
    devices.put(event.token(), event.platform());
  }

  @EventSourcingHandler
  void on(DeviceUnregisteredEvent event) {
    devices.remove(event.token());
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
