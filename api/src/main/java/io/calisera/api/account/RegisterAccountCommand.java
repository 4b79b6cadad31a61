package io.calisera.api.account;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import io.calisera.api.common.Role;
import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates an account at first login. The bff derives {@code accountId} from the identity (issuer
 * and subject, or the dev-login email), so two first logins of one person name one account.
 */
public record RegisterAccountCommand(
    @TargetAggregateIdentifier String accountId,
    String email,
    String name,
    Set<Role> roles,
    Actor actor,
    Instant at)
    implements ActingCommand {

  public RegisterAccountCommand {
    Require.text(accountId, "accountId", 100);
    Require.text(email, "email", 254);
    Require.text(name, "name", 200);
    roles = Set.copyOf(Require.notNull(roles, "roles"));
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
