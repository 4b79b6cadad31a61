package io.calisera.analytics.facts;

import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider and booking rows the last committed batches wrote or read, so that the next batch
 * need not read them again: a booking's later events (confirmed, cancelled, completed) and every
 * booking's provider mostly come within a few batches, and reading them was most of what a batch
 * asked the database. It holds only what committed batches left in the database: a batch that rolls
 * back, a token reset and a zone change (whose batch rewrites bookings it did not read) empty it;
 * it is of one generation at a time. It assumes that this instance alone writes the tables (one
 * projector per database, as rebuilds do).
 *
 * <p>Bounded: the least recently used rows go first.
 */
final class RecentRows {

  static final int PROVIDERS = 100_000;
  static final int BOOKINGS = 50_000;

  /** A provider as a batch needs it when it reads no schedules: its zone and position. */
  record Provider(ZoneId zone, long position) {}

  private int generation = Integer.MIN_VALUE;
  private final Map<String, Provider> providers = lru(PROVIDERS);
  private final Map<String, BookingFacts> bookings = lru(BOOKINGS);

  /** The cached provider of {@code generation}, or null. */
  synchronized Provider provider(int generation, String providerId) {
    return this.generation == generation ? providers.get(providerId) : null;
  }

  /** A copy of the cached booking of {@code generation}, or null. */
  synchronized BookingFacts booking(int generation, String bookingId) {
    if (this.generation != generation) {
      return null;
    }
    BookingFacts booking = bookings.get(bookingId);
    return booking == null ? null : booking.copy();
  }

  /** What a batch of {@code generation} committed (copies are kept). */
  synchronized void committed(
      int generation, Collection<ProviderFacts> providers, Collection<BookingFacts> bookings) {
    if (this.generation != generation) {
      clear();
      this.generation = generation;
    }
    for (ProviderFacts provider : providers) {
      this.providers.put(provider.providerId, new Provider(provider.zone, provider.position));
    }
    for (BookingFacts booking : bookings) {
      this.bookings.put(booking.bookingId, booking.copy());
    }
  }

  synchronized void clear() {
    providers.clear();
    bookings.clear();
  }

  private static <V> Map<String, V> lru(int bound) {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > bound;
      }
    };
  }
}
