package io.calisera.analytics.facts;

import static io.calisera.analytics.support.Events.BERLIN;
import static io.calisera.analytics.support.Events.weekdays;
import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.analytics.support.AnalyticsTest;
import io.calisera.analytics.support.Events;
import io.calisera.analytics.support.History;
import io.calisera.analytics.support.Tables;
import io.calisera.api.booking.BookingStatus;
import java.lang.reflect.Method;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every event type the projection subscribes to changes the tables (a handler that lost its
 * annotation, or an event type nobody handles, fails silently otherwise).
 */
@AnalyticsTest
class ProjectionWiringTest {

  @Autowired History history;
  @Autowired DataSource dataSource;

  @Test
  void everySubscribedEventChangesTheTables() {
    String providerId = "wiring-" + UUID.randomUUID();
    Events p = Events.of(providerId);
    List<Object> events =
        List.of(
            p.created(BERLIN, "2026-03-02T08:00:00Z"),
            p.serviceAdded("s-" + providerId, "Haircut", 30, "2026-03-02T08:00:00Z"),
            p.serviceChanged("s-" + providerId, "Haircut and wash", 45, "2026-03-02T08:10:00Z"),
            p.scheduleSet("2026-03-02T08:20:00Z", weekdays("09:00", "17:00"), List.of()),
            p.profileUpdated(ZoneId.of("Europe/London"), "2026-03-02T08:25:00Z"),
            p.placed(
                "b1",
                "s-" + providerId,
                "2026-03-09T08:00:00Z",
                45,
                "2026-03-02T08:30:00Z",
                BookingStatus.PENDING),
            p.confirmed("b1", "2026-03-02T08:40:00Z"),
            p.moved(
                "b1", "2026-03-09T08:00:00Z", "2026-03-10T08:00:00Z", 45, "2026-03-02T08:50:00Z"),
            p.completed("b1", "2026-03-10T09:00:00Z"),
            p.placed("b2", "s-" + providerId, "2026-03-11T08:00:00Z", 45, "2026-03-10T09:00:00Z"),
            p.noShow("b2", "2026-03-11T09:00:00Z"),
            p.placed(
                "b3",
                "s-" + providerId,
                "2026-03-12T08:00:00Z",
                45,
                "2026-03-10T09:00:00Z",
                BookingStatus.PENDING),
            p.declined("b3", "2026-03-11T09:00:00Z"),
            p.placed("b4", "s-" + providerId, "2026-03-13T08:00:00Z", 45, "2026-03-10T09:00:00Z"),
            p.cancelled("b4", "2026-03-11T09:00:00Z"),
            p.serviceDeactivated("s-" + providerId, "2026-03-12T09:00:00Z"));
    assertThat(events.stream().map(Object::getClass).collect(Collectors.toSet()))
        .as("the scenario covers every subscribed event type")
        .containsAll(subscribedEventTypes());
    Tables tables = new Tables(dataSource);

    List<String> unchanged = new ArrayList<>();
    for (Object event : events) {
      List<String> before = tables.of(providerId, true);
      history.publish(event);
      history.awaitProjected();
      if (tables.of(providerId, true).equals(before)) {
        unchanged.add(event.getClass().getSimpleName());
      }
    }

    assertThat(unchanged).as("events that changed nothing").isEmpty();
  }

  private static Set<Class<?>> subscribedEventTypes() {
    return Stream.of(AnalyticsProjection.class.getDeclaredMethods())
        .filter(method -> method.isAnnotationPresent(EventHandler.class))
        .map(Method::getParameterTypes)
        .map(parameters -> parameters[0])
        .collect(Collectors.toSet());
  }
}
