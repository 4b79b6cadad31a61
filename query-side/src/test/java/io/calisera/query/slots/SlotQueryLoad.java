package io.calisera.query.slots;

import static io.calisera.query.support.Events.aBookingPlaced;
import static io.calisera.query.support.Events.aProviderCreated;
import static io.calisera.query.support.Events.aServiceAdded;
import static io.calisera.query.support.Events.openEveryDay;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.query.support.ReadModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.h2.mvstore.MVStore;

/**
 * A load measurement, not a test: the slot query as query-side answers it (reads of the calendar
 * and occupancy documents from the embedded MongoDB on its H2 file, then the slot engine) for a
 * provider with 10,000 live bookings, 62-day ranges at random dates, one thread.
 *
 * <pre>
 * ./mvnw -B -o -pl query-side -am test-compile -DskipTests
 * ./mvnw -B -o -pl query-side exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.calisera.query.slots.SlotQueryLoad
 * </pre>
 *
 * Two calendars: "spread" (10,000 bookings of 15 minutes over a year, a 62-day range holds about
 * 1,700 of them) and "dense" (all 10,000 bookings of 5 minutes inside the 62 days asked).
 */
public final class SlotQueryLoad {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 4, 1);
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  static final int BOOKINGS = 10_000;
  static final int WARMUP = 2_000;
  static final int MEASURED = 10_000;

  public static void main(String[] args) throws Exception {
    measure("spread", 15, 15, 365);
    measure("dense", 5, 5, 62);
  }

  private static void measure(String name, int duration, int interval, int days) throws Exception {
    Path folder = Files.createTempDirectory("slot-load");
    MVStore store = new MVStore.Builder().fileName(folder.resolve("load.mv").toString()).open();
    try (ReadModels readModels = new ReadModels(new H2Backend(store))) {
      var occupancy = new Occupancy(readModels.mongo());
      var queries =
          new SlotQueries(readModels.mongo(), occupancy, Clock.fixed(NOW, ZoneOffset.UTC));
      readModels.register(
          new CalendarProjection(
              readModels.mongo(), occupancy, new SlotUpdates(readModels.emitter(), queries)));
      SlotSettings settings =
          SlotSettings.withDefaults(duration).withSlotInterval(interval).withMaxDaysInAdvance(730);
      readModels.given(
          aProviderCreated("p1", BERLIN),
          openEveryDay("p1", "00:00", "24:00"),
          aServiceAdded("p1", "s1", settings));
      long feedStart = System.nanoTime();
      Instant first = FIRST_DAY.atStartOfDay(BERLIN).toInstant();
      long spacing = days * 86_400L / BOOKINGS / 60 * 60; // whole minutes apart
      for (int i = 0; i < BOOKINGS; i++) {
        Instant start = first.plusSeconds(i * spacing);
        readModels.given(aBookingPlaced("p1", "b" + i, "s1", start, duration, 0, 0, "c" + i));
      }
      System.out.printf(
          "%s: %d bookings of %d min, %d s apart, projected in %.1f s%n",
          name, BOOKINGS, duration, spacing, (System.nanoTime() - feedStart) / 1e9);

      Random random = new Random(42);
      int lastStartDay = Math.max(1, days - 61);
      Histogram histogram = new Histogram(3_600_000_000L, 3);
      long slotsSeen = 0;
      long measuredStart = 0;
      for (int i = 0; i < WARMUP + MEASURED; i++) {
        if (i == WARMUP) {
          measuredStart = System.nanoTime();
        }
        LocalDate from = FIRST_DAY.plusDays(random.nextInt(lastStartDay));
        var query = new FindAvailableSlotsQuery("p1", "s1", from, from.plusDays(61), null);
        long start = System.nanoTime();
        slotsSeen += queries.availableSlots(query).slots().size();
        long took = System.nanoTime() - start;
        if (i >= WARMUP) {
          histogram.recordValue(took);
        }
      }
      double seconds = (System.nanoTime() - measuredStart) / 1e9;
      System.out.printf(
          "%s: %d queries of 62 days (%d slots on average): p50 %.2f ms, p90 %.2f ms,"
              + " p99 %.2f ms, max %.2f ms, %.0f queries/s on one thread%n",
          name,
          MEASURED,
          slotsSeen / (WARMUP + MEASURED),
          histogram.getValueAtPercentile(50) / 1e6,
          histogram.getValueAtPercentile(90) / 1e6,
          histogram.getValueAtPercentile(99) / 1e6,
          histogram.getMaxValue() / 1e6,
          MEASURED / seconds);
    }
  }
}
