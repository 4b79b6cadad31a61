package io.calisera.bff.admin;

import io.calisera.api.insights.FindInsightsRebuildQuery;
import io.calisera.api.insights.InsightsRebuild;
import io.calisera.api.insights.RebuildInsightsQuery;
import io.calisera.bff.auth.Caller;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin rebuilds a read model from the event history while the platform keeps answering, and
 * follows it. Only {@code analytics} (the insights) so far: the analytics projector rebuilds into a
 * generation of its own tables while the complete figures of before keep answering, and switches
 * once the rebuild has caught up (docs/api.md, decision 0009).
 */
@RestController
@Tag(name = "Admin")
class ProjectionReplayController {

  static final String ANALYTICS = "analytics";
  static final String PATH = "/api/v1/admin/projections/{name}/replay";

  private final QuerySender queries;

  ProjectionReplayController(QuerySender queries) {
    this.queries = queries;
  }

  /** The state of a replay, as the contract words it. */
  record ReplayStatus(
      String name,
      InsightsRebuild.State state,
      long position,
      long headPosition,
      Instant startedAt,
      Instant finishedAt) {

    static ReplayStatus of(String name, InsightsRebuild rebuild) {
      return new ReplayStatus(
          name,
          rebuild.state(),
          rebuild.position(),
          rebuild.headPosition(),
          rebuild.startedAt(),
          rebuild.finishedAt());
    }
  }

  @PreAuthorize("hasRole('ADMIN')")
  @PostMapping(PATH)
  @Operation(
      summary = "Rebuild a read model from the event history (admin)",
      description =
          "Only analytics so far. Starts the rebuild unless one runs (then it answers that one)"
              + " and answers 202 with its state; GET on the same path follows it. While it runs"
              + " the insights answer the complete figures they had when it started; once it has"
              + " caught up they answer the rebuilt ones, changes made meanwhile included.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  ResponseEntity<ReplayStatus> replay(
      @PathVariable String name, @AuthenticationPrincipal Caller caller) {
    requireReplayable(name);
    InsightsRebuild rebuild =
        queries.find(new RebuildInsightsQuery(caller.accountId()), InsightsRebuild.class);
    return ResponseEntity.accepted()
        .location(URI.create(PATH.replace("{name}", name)))
        .body(ReplayStatus.of(name, rebuild));
  }

  @PreAuthorize("hasRole('ADMIN')")
  @GetMapping(PATH)
  @Operation(
      summary = "Where a read model's replay stands (admin)",
      description =
          "state: IDLE (none since the read model was created), REPLAYING, CAUGHT_UP (the last"
              + " one has taken over); position: what the replay has applied while it runs, the"
              + " read model's position otherwise; headPosition: the event history's last.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  ReplayStatus status(@PathVariable String name, @AuthenticationPrincipal Caller caller) {
    requireReplayable(name);
    return ReplayStatus.of(
        name,
        queries.find(new FindInsightsRebuildQuery(caller.accountId()), InsightsRebuild.class));
  }

  private static void requireReplayable(String name) {
    if (!ANALYTICS.equals(name)) {
      throw ApiProblem.notFound(
          "No read model can be replayed under that name; so far only " + ANALYTICS);
    }
  }
}
