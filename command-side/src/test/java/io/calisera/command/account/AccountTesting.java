package io.calisera.command.account;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;

/** Wires accounts into tests outside this package. */
public final class AccountTesting {

  private AccountTesting() {}

  public static Configurer withAccounts(Configurer configurer) {
    return configurer.configureAggregate(Account.class);
  }

  public static AccountRoles accountRoles(Configuration configuration) {
    return new AccountRoles(configuration.repository(Account.class));
  }
}
