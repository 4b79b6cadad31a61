package io.calisera.api.account;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import io.calisera.api.common.Role;
import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grants roles the account does not hold yet; granting held roles changes nothing. */
public record GrantRolesCommand(
    @TargetAggregateIdentifier String accountId, Set<Role> roles, Actor actor, Instant at)
    implements ActingCommand {

  public GrantRolesCommand {
    Require.text(accountId, "accountId", 100);
    roles = Set.copyOf(Require.notNull(roles, "roles"));
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
