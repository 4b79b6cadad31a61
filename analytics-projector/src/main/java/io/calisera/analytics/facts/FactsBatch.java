package io.calisera.analytics.facts;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingConfirmedEvent;
import io.calisera.api.booking.BookingDeclinedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ProviderProfileUpdatedEvent;
import io.calisera.api.provider.ScheduleReplacedEvent;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The rows one batch of events touches, read once when its first event is handled, changed in
 * memory by every event in order, and written when the batch commits, in the transaction that also
 * stores the token: a batch of 1,000 events costs a handful of statements, not thousands. It reads
 * and writes one generation of the tables ({@link FactsTables#writtenGeneration}), chosen when it
 * starts.
 *
 * <p>Rows are read for every provider and booking the batch's events name, so that each handler
 * decides on the state before the event. Every row keeps the position of the last event applied to
 * it, and an event at or below it changes nothing (a batch applied again, or the same events
 * twice).
 */
final class FactsBatch {

  private final FactsTables tables;
  private final int generation;
  private final Map<String, ProviderFacts> providers;
  private final Map<String, BookingFacts> bookings;
  private final Set<String> changedBookings = new HashSet<>();
  private final List<IntConsumer> serviceWrites = new ArrayList<>();

  private FactsBatch(FactsTables tables, List<? extends Message<?>> events) {
    this.tables = tables;
    this.generation = tables.writtenGeneration();
    Set<String> providerIds = new HashSet<>();
    Set<String> scheduleIds = new HashSet<>();
    Set<String> bookingIds = new HashSet<>();
    for (Message<?> event : events) {
      collectIds(event.getPayload(), providerIds, scheduleIds, bookingIds);
    }
    RecentRows recent = tables.recent();
    this.providers = new HashMap<>();
    Set<String> unknownProviders = new HashSet<>();
    for (String id : providerIds) {
      RecentRows.Provider known = scheduleIds.contains(id) ? null : recent.provider(generation, id);
      if (known == null) {
        unknownProviders.add(id);
      } else {
        providers.put(id, new ProviderFacts(id, known.zone(), known.position(), List.of()));
      }
    }
    providers.putAll(tables.providers(generation, unknownProviders, scheduleIds));
    this.bookings = new HashMap<>();
    Set<String> unknownBookings = new HashSet<>();
    for (String id : bookingIds) {
      BookingFacts known = recent.booking(generation, id);
      if (known == null) {
        unknownBookings.add(id);
      } else {
        bookings.put(id, known);
      }
    }
    bookings.putAll(tables.bookings(generation, unknownBookings));
  }

  /** The batch of the unit of work the current event is handled in. */
  static FactsBatch current(FactsTables tables) {
    UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
    return unitOfWork.getOrComputeResource(
        FactsBatch.class.getName(),
        key -> {
          List<? extends Message<?>> events =
              unitOfWork instanceof BatchingUnitOfWork<?> batching
                  ? batching.getMessages()
                  : List.of(unitOfWork.getMessage());
          FactsBatch batch = new FactsBatch(tables, events);
          unitOfWork.onPrepareCommit(done -> batch.write());
          unitOfWork.afterCommit(done -> batch.committed());
          unitOfWork.onRollback(done -> tables.recent().clear());
          return batch;
        });
  }

  /**
   * The providers and bookings the events name; {@code scheduleIds} those whose schedules an event
   * reads or adds to (a zone or schedule change).
   */
  private static void collectIds(
      Object event, Set<String> providerIds, Set<String> scheduleIds, Set<String> bookingIds) {
    if (event instanceof ProviderCreatedEvent e) {
      providerIds.add(e.providerId());
    } else if (event instanceof ProviderProfileUpdatedEvent e) {
      providerIds.add(e.providerId());
      scheduleIds.add(e.providerId());
    } else if (event instanceof ScheduleReplacedEvent e) {
      providerIds.add(e.providerId());
      scheduleIds.add(e.providerId());
    } else if (event instanceof ServiceAddedEvent e) {
      providerIds.add(e.providerId());
    } else if (event instanceof ServiceChangedEvent e) {
      providerIds.add(e.providerId());
    } else if (event instanceof ServiceDeactivatedEvent e) {
      providerIds.add(e.providerId());
    } else if (event instanceof BookingPlacedEvent e) {
      providerIds.add(e.providerId());
      bookingIds.add(e.bookingId());
    } else if (event instanceof BookingConfirmedEvent e) {
      providerIds.add(e.providerId());
      bookingIds.add(e.bookingId());
    } else if (event instanceof BookingDeclinedEvent e) {
      providerIds.add(e.providerId());
      bookingIds.add(e.bookingId());
    } else if (event instanceof BookingCancelledEvent e) {
      providerIds.add(e.providerId());
      bookingIds.add(e.bookingId());
    } else if (event instanceof BookingRescheduledEvent e) {
      providerIds.add(e.providerId());
      bookingIds.add(e.bookingId());
    } else if (event instanceof BookingCompletedEvent e) {
      providerIds.add(e.providerId());
      bookingIds.add(e.bookingId());
    } else if (event instanceof BookingMarkedNoShowEvent e) {
      providerIds.add(e.providerId());
      bookingIds.add(e.bookingId());
    }
  }

  /** The provider, or null when its creation has not been seen (never, in order). */
  ProviderFacts provider(String providerId) {
    return providers.get(providerId);
  }

  void add(ProviderFacts provider) {
    providers.put(provider.providerId, provider);
  }

  BookingFacts booking(String bookingId) {
    return bookings.get(bookingId);
  }

  void add(BookingFacts booking) {
    bookings.put(booking.bookingId, booking);
    changed(booking);
  }

  void changed(BookingFacts booking) {
    changedBookings.add(booking.bookingId);
  }

  /** A write of a service row (given the generation), which no later event of the batch reads. */
  void service(IntConsumer write) {
    serviceWrites.add(write);
  }

  /**
   * Writes the batch: providers and their schedules, bookings, services; a provider whose zone
   * changed has every booking's local date and hour recomputed.
   */
  private void write() {
    List<ProviderFacts> changedProviders = new ArrayList<>();
    for (ProviderFacts provider : providers.values()) {
      if (provider.changed) {
        changedProviders.add(provider);
      }
    }
    tables.saveProviders(generation, changedProviders);
    for (ProviderFacts provider : changedProviders) {
      tables.saveSchedules(generation, provider.providerId, provider.newVersions);
    }
    tables.saveBookings(generation, changedBookings.stream().map(bookings::get).toList());
    serviceWrites.forEach(write -> write.accept(generation));
    for (ProviderFacts provider : changedProviders) {
      if (provider.zoneChanged) {
        relocalize(provider);
      }
    }
  }

  /**
   * The batch is in the database: its rows are what the next batches find in {@link RecentRows},
   * unless a zone changed (the batch rewrote bookings it had not read).
   */
  private void committed() {
    boolean zoneChanged = providers.values().stream().anyMatch(p -> p.zoneChanged);
    if (zoneChanged) {
      tables.recent().clear();
    } else {
      tables.recent().committed(generation, providers.values(), bookings.values());
    }
  }

  /** The provider's zone changed: every booking's local date and hour are the new zone's. */
  private void relocalize(ProviderFacts provider) {
    List<BookingFacts> all = tables.bookingsOf(generation, provider.providerId);
    for (BookingFacts booking : all) {
      booking.localize(provider.zone);
    }
    tables.saveBookings(generation, all);
  }
}
