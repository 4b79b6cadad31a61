package io.calisera.analytics.insights;

import static io.calisera.analytics.support.Events.BERLIN;
import static io.calisera.analytics.support.Events.weekdays;
import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.analytics.support.AnalyticsTest;
import io.calisera.analytics.support.Events;
import io.calisera.analytics.support.History;
import io.calisera.api.insights.InsightFigures;
import io.calisera.api.insights.ProviderInsights;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A provider that moves to another zone: its figures go by the new zone's local dates and hours,
 * and its weekly hours are read in the new zone from the change on, not before.
 */
@AnalyticsTest
class ZoneChangeTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Autowired History history;

  @Test
  void afterAMoveTheFiguresGoByTheNewZone() {
    String providerId = "moving-" + UUID.randomUUID();
    Events p = Events.of(providerId);
    history.publish(
        p.created(BERLIN, "2026-05-01T08:00:00Z"),
        p.serviceAdded("s-" + providerId, "Session", 60, "2026-05-01T08:00:00Z"),
        p.scheduleSet("2026-05-01T08:00:00Z", weekdays("09:00", "17:00"), List.of()),
        // Tuesday 5 May 02:30 in Berlin is Monday 4 May 20:30 in New York
        p.placed("early", "s-" + providerId, "2026-05-05T00:30:00Z", 60, "2026-05-01T09:00:00Z"),
        p.profileUpdated(NEW_YORK, "2026-05-06T12:00:00Z"));

    ProviderInsights insights = history.insights(providerId, "2026-05-04", "2026-05-08");
    InsightFigures week = insights.current();

    assertThat(insights.timeZone()).isEqualTo(NEW_YORK);
    assertThat(week.byDay().get(0).bookings()).as("Monday in New York").isEqualTo(1);
    assertThat(week.byDay().get(1).bookings()).isZero();
    assertThat(week.byHourOfDay().get(20).bookings()).isEqualTo(1);
    // days before the move were offered in Berlin, the day of the move on in New York: the same
    // eight hours a weekday either way
    assertThat(week.byDay()).allSatisfy(day -> assertThat(day.availableMinutes()).isEqualTo(480));
  }
}
