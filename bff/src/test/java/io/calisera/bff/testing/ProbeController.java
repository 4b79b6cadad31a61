package io.calisera.bff.testing;

import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.bff.auth.CurrentActor;
import io.calisera.bff.auth.Public;
import io.calisera.bff.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that exist only in tests, to prove the foundation the real endpoints stand on: role
 * checks, the current actor, and every kind of problem.
 */
@RestController
public class ProbeController {

  public record Echo(@NotBlank String name, @Min(1) @Max(10) int count) {}

  @PreAuthorize("hasRole('ADMIN')")
  @GetMapping("/test/admins-only")
  public String adminsOnly(@CurrentActor Actor actor) {
    return actor.accountId();
  }

  @Public
  @GetMapping("/test/actor")
  public String actor(@CurrentActor Actor actor) {
    return actor.accountId();
  }

  @Public
  @PostMapping("/test/echo")
  public Echo echo(@Valid @RequestBody Echo echo) {
    return echo;
  }

  @Public
  @GetMapping("/test/count")
  public int count(@RequestParam int value) {
    return value;
  }

  /** An api message constructor refusing a field. */
  @Public
  @GetMapping("/test/api-refuses-a-field")
  public Object apiRefusesAField() {
    return new RegisterAccountCommand("a-1", "  ", "Name", Set.of(), Actor.SYSTEM, Instant.EPOCH);
  }

  @Public
  @GetMapping("/test/refused/{code}")
  public void refused(@PathVariable RefusalCode code) {
    throw ApiProblem.refused(new Refusal(code, "refused as " + code));
  }

  /** The hub away, met outside the command and query senders (a subscription query, say). */
  @Public
  @GetMapping("/test/hub-away")
  public void hubAway() {
    throw new io.axoniq.axonserver.connector.AxonServerException(
        io.axoniq.axonserver.connector.ErrorCategory.QUERY_DISPATCH_ERROR,
        "Received exception while dispatching query",
        "bff-1");
  }

  @Public
  @GetMapping("/test/bug")
  public void bug() {
    throw new IllegalStateException("secret internals at db-7.internal:5432");
  }
}
