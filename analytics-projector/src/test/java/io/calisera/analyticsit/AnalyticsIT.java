package io.calisera.analyticsit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calisera.analytics.support.KnownHistory;
import io.calisera.api.common.MessageSerialization;
import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.api.insights.ProviderInsights;
import io.calisera.api.provider.SlugClaimedEvent;
import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import io.calisera.api.readmodel.ReadModelPositions.ReadModelPosition;
import io.calisera.testing.HubTester;
import io.calisera.testing.PlatformProcesses;
import io.calisera.testing.PlatformProcesses.Service;
import io.calisera.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics projector's jar as its own process on the real hub, with the rights {@code
 * hub-rights} gives it: the known history through the hub's event store (JSON both ways), the
 * insights asked through the hub's query routing, its read-model position for read-your-writes, and
 * a second instance on an empty database rebuilding the same figures from the whole history.
 */
class AnalyticsIT {

  @TempDir static Path home;
  static PlatformProcesses platform;
  static ServiceProcess analytics;
  static HubTester tester;
  static final KnownHistory known = new KnownHistory();

  /** The hub and the projector alone: the tester stands in for the command side. */
  @BeforeAll
  static void startTheHubAndTheProjector() {
    platform =
        PlatformProcesses.in(home)
            .instances(Service.COMMAND_SIDE, 0)
            .instances(Service.QUERY_SIDE, 0)
            .instances(Service.ANALYTICS_PROJECTOR, 1)
            .start();
    analytics = platform.process("analytics-projector-1");
    tester = HubTester.connect(platform.hub(), "hub-tester", MessageSerialization.objectMapper());
    tester.publish(known.events());
  }

  @AfterAll
  static void stopEverything() {
    if (tester != null) {
      tester.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void theKnownHistoryThroughTheHubGivesItsFigures() {
    ProviderInsights insights = awaitInsights();

    assertThat(insights.current().bookings()).isEqualTo(7);
    assertThat(insights.current().bookedMinutes()).isEqualTo(180);
    assertThat(insights.current().availableMinutes()).isEqualTo(3720);
    assertThat(insights.current().leadTimeHoursMedian()).isEqualTo(72.0);
    assertThat(insights.previous().bookings()).isEqualTo(3);
    assertThat(insights.previous().availableMinutes()).isEqualTo(5160);
  }

  @Test
  void itsPositionReachesTheLastTokenAlsoOverEventsItIgnores() throws Exception {
    tester.publish(
        List.of(
            new SlugClaimedEvent(
                "slug-" + System.nanoTime(),
                "no-analytics-here",
                "owner",
                Instant.parse("2026-03-01T00:00:00Z"))));
    long last = tester.lastToken();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        tester
                            .queries()
                            .query(new FindReadModelPositionsQuery("it"), ReadModelPositions.class)
                            .get(5, TimeUnit.SECONDS)
                            .readModels())
                    .containsExactly(new ReadModelPosition("analytics", last)));
  }

  @Test
  void aProjectorOnAnEmptyDatabaseRebuildsTheSameFiguresFromTheWholeHistory() throws Exception {
    ProviderInsights before = awaitInsights();
    analytics.stop();
    ServiceProcess fresh =
        platform.prepare(Service.ANALYTICS_PROJECTOR, "analytics-projector-2", Map.of()).start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(ask()).isEqualTo(before));
    } finally {
      fresh.stop();
      analytics.start();
    }
  }

  private static ProviderInsights awaitInsights() {
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> ask().current().bookings() == 7);
    try {
      return ask();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ProviderInsights ask() throws Exception {
    return tester
        .queries()
        .query(
            new FindProviderInsightsQuery(known.providerId, KnownHistory.FROM, KnownHistory.TO),
            ProviderInsights.class)
        .get(10, TimeUnit.SECONDS);
  }
}
