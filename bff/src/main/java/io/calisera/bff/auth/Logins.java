package io.calisera.bff.auth;

import io.calisera.api.account.AccountView;
import io.calisera.api.account.FindAccountQuery;
import io.calisera.api.account.GrantRolesCommand;
import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Role;
import io.calisera.bff.gateway.CommandSender;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ProblemCode;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a login does, whichever way the person proved who they are: make sure the account exists
 * (registering it with {@code CUSTOMER} at the first login; the command side makes concurrent first
 * logins one registration), grant dev-login roles, and issue Calisera's tokens with the roles the
 * account read model knows, or, while it has not caught up, the ones just registered or granted.
 */
public final class Logins {

  private static final Logger LOG = LoggerFactory.getLogger(Logins.class);

  private final CommandSender commands;
  private final QuerySender queries;
  private final AccessTokens accessTokens;
  private final RefreshTokens refreshTokens;
  private final ExternalIdTokens idTokens;
  private final Clock clock;

  public Logins(
      CommandSender commands,
      QuerySender queries,
      AccessTokens accessTokens,
      RefreshTokens refreshTokens,
      ExternalIdTokens idTokens,
      Clock clock) {
    this.commands = commands;
    this.queries = queries;
    this.accessTokens = accessTokens;
    this.refreshTokens = refreshTokens;
    this.idTokens = idTokens;
    this.clock = clock;
  }

  /** The mobile token exchange: an external ID token for Calisera's tokens. */
  public TokenResponse exchange(String idToken, String nonce) {
    ExternalIdTokens.Identity identity = idTokens.verify(idToken, nonce);
    Caller caller =
        account(
            AccountIds.ofExternalIdentity(identity.issuer(), identity.subject()),
            identity.email(),
            identity.name(),
            Set.of());
    return tokens(caller);
  }

  /** A login without any identity provider, for local use and tests. */
  public TokenResponse devLogin(String email, String name, Set<Role> roles) {
    Caller caller = account(AccountIds.ofDevLogin(email), email, name, roles);
    return tokens(caller);
  }

  /** The dev sign-in of a browser (local use and tests): the caller of the session. */
  public Caller devWebLogin(String email, String name) {
    return account(AccountIds.ofDevLogin(email), email, name, Set.of());
  }

  /** The browser login: the caller of the session. */
  public Caller webLogin(String issuer, String subject, String email, String name) {
    return account(AccountIds.ofExternalIdentity(issuer, subject), email, name, Set.of());
  }

  /** Spends a refresh token for a new pair, with the roles the account holds now. */
  public TokenResponse refresh(String refreshToken) {
    RefreshTokens.Issued next =
        refreshTokens
            .rotate(refreshToken)
            .orElseThrow(
                () -> ApiProblem.unauthenticated("The refresh token is not valid any more"));
    RefreshTokens.Family family = next.family();
    Set<Role> roles = EnumSet.noneOf(Role.class);
    roles.addAll(family.roles());
    String email = family.email();
    String name = family.name();
    Optional<AccountView> view = find(family.accountId());
    if (view.isPresent()) {
      roles.addAll(view.get().roles());
      email = view.get().email();
      name = view.get().name();
    }
    Caller caller = new Caller(family.accountId(), email, name, roles, family.familyId());
    return TokenResponse.bearer(accessTokens.issue(caller), next.token());
  }

  /** Ends a token login: its refresh-token family stops working. */
  public void logout(Caller caller) {
    if (caller.sessionId() != null) {
      refreshTokens.revoke(caller.sessionId(), caller.accountId());
    }
  }

  private TokenResponse tokens(Caller caller) {
    RefreshTokens.Issued refresh =
        refreshTokens.start(caller.accountId(), caller.email(), caller.name(), caller.roles());
    Caller withSession =
        new Caller(
            caller.accountId(),
            caller.email(),
            caller.name(),
            caller.roles(),
            refresh.family().familyId());
    return TokenResponse.bearer(accessTokens.issue(withSession), refresh.token());
  }

  /**
   * The account of a login, registered if the read model does not know it. {@code wanted} roles
   * beyond {@code CUSTOMER} are granted by the platform (dev-login only).
   */
  private Caller account(String accountId, String email, String name, Set<Role> wanted) {
    Optional<AccountView> view = find(accountId);
    Set<Role> roles = EnumSet.of(Role.CUSTOMER);
    if (view.isEmpty()) {
      commands.send(
          new RegisterAccountCommand(
              accountId,
              email,
              name,
              Set.of(Role.CUSTOMER),
              Actor.account(accountId, Set.of(Role.CUSTOMER)),
              clock.instant()));
    } else {
      roles.addAll(view.get().roles());
      email = view.get().email();
      name = view.get().name();
    }
    Set<Role> missing = EnumSet.noneOf(Role.class);
    missing.addAll(wanted);
    missing.removeAll(roles);
    if (!missing.isEmpty()) {
      commands.send(new GrantRolesCommand(accountId, missing, Actor.SYSTEM, clock.instant()));
      roles.addAll(missing);
    }
    return new Caller(accountId, email, name, roles, null);
  }

  /** The account as the read model knows it; empty when it does not (yet) or cannot answer. */
  Optional<AccountView> find(String accountId) {
    try {
      return queries.findOptional(new FindAccountQuery(accountId), AccountView.class);
    } catch (ApiProblem problem) {
      if (problem.code() != ProblemCode.SERVICE_UNAVAILABLE) {
        throw problem;
      }
      LOG.warn("The account read model cannot answer; roles as of this login only");
      return Optional.empty();
    }
  }
}
