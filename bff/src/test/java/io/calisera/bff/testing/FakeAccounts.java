package io.calisera.bff.testing;

import io.calisera.api.account.AccountView;
import io.calisera.api.account.FindAccountQuery;
import io.calisera.api.account.GrantRolesCommand;
import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.common.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.queryhandling.QueryHandler;

/**
 * The command and query side of accounts, in this JVM on Axon's local buses: what the bff's logins
 * talk to in tests that run without the hub. Remembers every command it handled. The read model can
 * be made to lag ({@link #readModelLags}).
 */
public class FakeAccounts {

  public record Sent(Object command, Actor actor) {}

  private final Map<String, AccountView> accounts = new ConcurrentHashMap<>();
  private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean readModelLags;

  @CommandHandler
  public void handle(RegisterAccountCommand command) {
    sent.add(new Sent(command, command.actor()));
    accounts.putIfAbsent(
        command.accountId(),
        new AccountView(command.accountId(), command.email(), command.name(), command.roles()));
  }

  @CommandHandler
  public void handle(GrantRolesCommand command) {
    sent.add(new Sent(command, command.actor()));
    if (!command.actor().equals(Actor.SYSTEM) && !command.actor().has(Role.ADMIN)) {
      throw RefusedException.of(RefusalCode.FORBIDDEN, "only an admin may grant roles");
    }
    AccountView account = accounts.get(command.accountId());
    if (account == null) {
      throw RefusedException.of(RefusalCode.NOT_FOUND, "no such account");
    }
    var roles = EnumSet.copyOf(account.roles());
    roles.addAll(command.roles());
    accounts.put(
        command.accountId(),
        new AccountView(account.accountId(), account.email(), account.name(), roles));
  }

  @QueryHandler
  public AccountView find(FindAccountQuery query) {
    return readModelLags ? null : accounts.get(query.accountId());
  }

  public void readModelLags(boolean lags) {
    this.readModelLags = lags;
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  public AccountView account(String accountId) {
    return accounts.get(accountId);
  }
}
