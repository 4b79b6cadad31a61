package io.calisera.command.account;

import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.common.Role;
import io.calisera.command.common.DomainComponent;
import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Grants roles inside another command's unit of work, e.g. {@code PROVIDER} to the person who
 * creates a provider, so that the grant and the provider are stored by one atomic append.
 */
@DomainComponent
public final class AccountRoles {

  private final Repository<Account> accounts;

  AccountRoles(Repository<Account> accounts) {
    this.accounts = accounts;
  }

  /**
   * Grants the roles the account does not hold yet. Refuses with {@code NOT_FOUND} when the account
   * was never registered: an account is made at login, with the email and name that only the login
   * knows, so it cannot be made up here.
   */
  public void grant(String accountId, Set<Role> roles, Actor actor, Instant at) {
    Aggregate<Account> account;
    try {
      account = accounts.load(accountId);
    } catch (AggregateNotFoundException e) {
      throw RefusedException.of(
          RefusalCode.NOT_FOUND, "account " + accountId + " is not registered");
    }
    account.execute(a -> a.grant(roles, actor, at));
  }
}
