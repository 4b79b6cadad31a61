package io.calisera.bff.account;

import io.calisera.api.account.AccountView;
import io.calisera.api.account.FindAccountQuery;
import io.calisera.api.common.Role;
import io.calisera.bff.auth.Authenticated;
import io.calisera.bff.auth.Caller;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account. */
@RestController
@Tag(name = "Account")
class MeController {

  private final QuerySender queries;

  MeController(QuerySender queries) {
    this.queries = queries;
  }

  record Me(String accountId, String email, String name, List<Role> roles) {}

  /**
   * From the account read model, with the roles the caller's login granted too: right after a first
   * login the read model may not have caught up, and the login's answer must hold for what follows.
   */
  @Authenticated
  @GetMapping("/api/v1/me")
  @Operation(summary = "The caller's account: id, email, name and roles")
  Me me(@AuthenticationPrincipal Caller caller) {
    Optional<AccountView> view = find(caller.accountId());
    Set<Role> roles = EnumSet.noneOf(Role.class);
    roles.addAll(caller.roles());
    view.ifPresent(account -> roles.addAll(account.roles()));
    return new Me(
        caller.accountId(),
        view.map(AccountView::email).orElse(caller.email()),
        view.map(AccountView::name).orElse(caller.name()),
        List.copyOf(roles));
  }

  private Optional<AccountView> find(String accountId) {
    try {
      return queries.findOptional(new FindAccountQuery(accountId), AccountView.class);
    } catch (ApiProblem problem) {
      if (problem.code() == ProblemCode.SERVICE_UNAVAILABLE) {
        return Optional.empty();
      }
      throw problem;
    }
  }
}
