package io.calisera.bff.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.api.insights.FindInsightsRebuildQuery;
import io.calisera.api.insights.InsightsRebuild;
import io.calisera.api.insights.InsightsRebuild.State;
import io.calisera.api.insights.RebuildInsightsQuery;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The admin's replay of the analytics: ADMIN only (401 anonymous, 403 for a customer, a provider
 * owner or an auditor, and nothing asked for them), 202 with the state to follow and where, the
 * state on GET, and a read model that cannot be replayed 404. The platform answers as the test says
 * ({@link StubPlatform}).
 */
@BffTest
class ProjectionReplayEndpointsTest {

  static final String REPLAY = "/api/v1/admin/projections/analytics/replay";
  static final Instant STARTED = Instant.parse("2026-03-02T08:00:00Z");

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired StubPlatform platform;

  Api api;
  Api.Person admin;

  @BeforeEach
  void anAdmin() throws Exception {
    clock.set(BffTestConfiguration.START);
    api = new Api(mvc);
    admin = api.person("ada", "ADMIN");
    platform
        .on(RebuildInsightsQuery.class)
        .answer(new InsightsRebuild(State.REPLAYING, 12, 4_000, STARTED, null));
    platform
        .on(FindInsightsRebuildQuery.class)
        .answer(
            new InsightsRebuild(State.CAUGHT_UP, 4_010, 4_010, STARTED, STARTED.plusSeconds(9)));
  }

  @Test
  void anAdminStartsTheReplayAndGets202WithItsStateAndWhereToFollowIt() throws Exception {
    api.perform(HttpMethod.POST, REPLAY, admin.token(), null)
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", REPLAY))
        .andExpect(jsonPath("$.name").value("analytics"))
        .andExpect(jsonPath("$.state").value("REPLAYING"))
        .andExpect(jsonPath("$.position").value(12))
        .andExpect(jsonPath("$.headPosition").value(4_000))
        .andExpect(jsonPath("$.startedAt").value("2026-03-02T08:00:00Z"))
        .andExpect(jsonPath("$.finishedAt").doesNotExist());

    assertThat(platform.onlySent(RebuildInsightsQuery.class).asker()).isEqualTo(admin.accountId());
  }

  @Test
  void anAdminFollowsIt() throws Exception {
    api.perform(HttpMethod.GET, REPLAY, admin.token(), null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("analytics"))
        .andExpect(jsonPath("$.state").value("CAUGHT_UP"))
        .andExpect(jsonPath("$.position").value(4_010))
        .andExpect(jsonPath("$.headPosition").value(4_010))
        .andExpect(jsonPath("$.finishedAt").value("2026-03-02T08:00:09Z"));
    assertThat(platform.sent(RebuildInsightsQuery.class)).isEmpty();
  }

  @Test
  void nobodyElseMayStartOrFollowItAndNothingIsAskedForThem() throws Exception {
    List<String> others =
        List.of(
            api.person("cara").token(),
            api.person("olga", "PROVIDER").token(),
            api.person("audrey", "AUDITOR").token());
    for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.GET)) {
      api.perform(method, REPLAY, null, null)
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
      for (String other : others) {
        api.perform(method, REPLAY, other, null)
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.code").value("FORBIDDEN"));
      }
    }
    assertThat(platform.sent(RebuildInsightsQuery.class)).isEmpty();
    assertThat(platform.sent(FindInsightsRebuildQuery.class)).isEmpty();
  }

  @Test
  void aReadModelThatCannotBeReplayedIs404() throws Exception {
    for (String name : List.of("bookings", "slots", "nothing-like-it", "ANALYTICS")) {
      for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.GET)) {
        api.perform(method, "/api/v1/admin/projections/" + name + "/replay", admin.token(), null)
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.code").value("NOT_FOUND"));
      }
    }
    assertThat(platform.sent(RebuildInsightsQuery.class)).isEmpty();
    assertThat(platform.sent(FindInsightsRebuildQuery.class)).isEmpty();
  }
}
