package io.calisera.analytics.facts;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingConfirmedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ProviderProfileUpdatedEvent;
import io.calisera.api.provider.ScheduleReplacedEvent;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.api.schedule.Schedule;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Projects providers, schedules, services and bookings into the analytics tables: a row per booking
 * with its lifecycle, and per provider its zone and every schedule it had, from which the figures
 * are computed when asked ({@code InsightsQueries}). The handlers change the rows of the batch
 * ({@link FactsBatch}) in memory; the batch writes them when it commits, with the token, into the
 * generation being written ({@link FactsTables#writtenGeneration}).
 */
@Component
@ProcessingGroup(AnalyticsProjection.GROUP)
public class AnalyticsProjection {

  /** The processing group, and the read model's name in the read-model positions. */
  public static final String GROUP = FindProviderInsightsQuery.READ_MODEL;

  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsProjection.class);

  private final FactsTables tables;

  public AnalyticsProjection(FactsTables tables) {
    this.tables = tables;
  }

  @EventHandler
  void on(ProviderCreatedEvent event, TrackingToken token) {
    FactsBatch batch = batch();
    if (batch.provider(event.providerId()) == null) {
      batch.add(ProviderFacts.created(event.providerId(), event.timeZone(), position(token)));
    }
  }

  @EventHandler
  void on(ProviderProfileUpdatedEvent event, TrackingToken token) {
    long position = position(token);
    withProvider(
        event.providerId(),
        position,
        provider -> {
          provider.position = position;
          provider.changed = true;
          if (!event.timeZone().equals(provider.zone)) {
            provider.zone = event.timeZone();
            provider.zoneChanged = true;
            Schedule current = provider.latestSchedule();
            if (current != null) {
              // the weekly hours are read in the new zone from the change on
              provider.scheduleSet(
                  new Schedule(event.timeZone(), current.weekly(), current.overrides()),
                  event.at(),
                  position);
            }
          }
        });
  }

  @EventHandler
  void on(ScheduleReplacedEvent event, TrackingToken token) {
    long position = position(token);
    withProvider(
        event.providerId(),
        position,
        provider -> {
          provider.position = position;
          provider.scheduleSet(
              new Schedule(provider.zone, event.weekly(), event.overrides()), event.at(), position);
        });
  }

  @EventHandler
  void on(ServiceAddedEvent event, TrackingToken token) {
    long position = position(token);
    batch()
        .service(
            generation ->
                tables.saveService(
                    generation,
                    event.serviceId(),
                    event.providerId(),
                    event.definition().name(),
                    event.definition().slots().durationMinutes(),
                    true,
                    position));
  }

  @EventHandler
  void on(ServiceChangedEvent event, TrackingToken token) {
    long position = position(token);
    batch()
        .service(
            generation ->
                tables.saveService(
                    generation,
                    event.serviceId(),
                    event.providerId(),
                    event.definition().name(),
                    event.definition().slots().durationMinutes(),
                    true,
                    position));
  }

  @EventHandler
  void on(ServiceDeactivatedEvent event, TrackingToken token) {
    long position = position(token);
    batch()
        .service(generation -> tables.deactivateService(generation, event.serviceId(), position));
  }

  @EventHandler
  void on(BookingPlacedEvent event, TrackingToken token) {
    FactsBatch batch = batch();
    if (batch.booking(event.bookingId()) != null) {
      return; // applied before
    }
    ProviderFacts provider = batch.provider(event.providerId());
    if (provider == null) {
      LOG.warn(
          "Booking {} of an unknown provider {}; skipped", event.bookingId(), event.providerId());
      return;
    }
    BookingFacts booking =
        new BookingFacts(
            event.bookingId(),
            event.providerId(),
            event.serviceId(),
            event.status(),
            event.at(),
            event.start(),
            event.end(),
            null,
            0,
            0,
            position(token));
    booking.localize(provider.zone);
    batch.add(booking);
  }

  @EventHandler
  void on(BookingConfirmedEvent event, TrackingToken token) {
    withBooking(
        event.bookingId(),
        token,
        booking -> {
          booking.status = BookingStatus.CONFIRMED;
          booking.confirmedAt = event.at();
        });
  }

  @EventHandler
  void on(BookingDeclinedEvent event, TrackingToken token) {
    withBooking(
        event.bookingId(),
        token,
        booking -> {
          booking.status = BookingStatus.DECLINED;
          booking.declinedAt = event.at();
        });
  }

  @EventHandler
  void on(BookingCancelledEvent event, TrackingToken token) {
    withBooking(
        event.bookingId(),
        token,
        booking -> {
          booking.status = BookingStatus.CANCELLED;
          booking.cancelledAt = event.at();
        });
  }

  @EventHandler
  void on(BookingCompletedEvent event, TrackingToken token) {
    withBooking(
        event.bookingId(),
        token,
        booking -> {
          booking.status = BookingStatus.COMPLETED;
          booking.completedAt = event.at();
        });
  }

  @EventHandler
  void on(BookingMarkedNoShowEvent event, TrackingToken token) {
    withBooking(
        event.bookingId(),
        token,
        booking -> {
          booking.status = BookingStatus.NO_SHOW;
          booking.noShowAt = event.at();
        });
  }

  @EventHandler
  void on(BookingRescheduledEvent event, TrackingToken token) {
    withBooking(
        event.bookingId(),
        token,
        booking -> {
          booking.start = event.start();
          booking.end = event.end();
          booking.reschedules++;
        });
  }

  /**
   * A token reset: the generation being built when a rebuild started it ({@code Rebuilds}),
   * otherwise the current one in place, is emptied for the events to come again.
   */
  @ResetHandler
  void reset() {
    tables.emptyForReplay();
  }

  private FactsBatch batch() {
    return FactsBatch.current(tables);
  }

  /** Changes the provider when the event is newer than what was applied to it. */
  private void withProvider(String providerId, long position, Consumer<ProviderFacts> change) {
    ProviderFacts provider = batch().provider(providerId);
    if (provider == null) {
      LOG.warn("An event of an unknown provider {}; skipped", providerId);
      return;
    }
    if (position > provider.position) {
      change.accept(provider);
    }
  }

  /**
   * Changes the booking when the event is newer than what was applied to it; its local date and
   * hour follow its start.
   */
  private void withBooking(String bookingId, TrackingToken token, Consumer<BookingFacts> change) {
    FactsBatch batch = batch();
    BookingFacts booking = batch.booking(bookingId);
    long position = position(token);
    if (booking == null || position <= booking.position) {
      return;
    }
    ProviderFacts provider = batch.provider(booking.providerId);
    change.accept(booking);
    booking.localize(provider.zone);
    booking.position = position;
    batch.changed(booking);
  }

  private static long position(TrackingToken token) {
    if (token == null) {
      throw new IllegalStateException("The analytics need tracked events (a streaming processor)");
    }
    return token
        .position()
        .orElseThrow(() -> new IllegalStateException("A token without a position: " + token));
  }
}
