package io.calisera.query.audit;

import static io.calisera.query.support.Events.aBookingPlaced;
import static io.calisera.query.support.Events.aProviderCreated;
import static io.calisera.query.support.Events.cancelled;
import static io.calisera.query.support.Events.rescheduled;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.calisera.api.audit.FindBookingAsOfQuery;
import io.calisera.api.audit.FindBookingAuditEventsQuery;
import io.calisera.api.audit.FindProviderAuditEventsQuery;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.query.support.ReadModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.h2.mvstore.MVStore;

/**
 * A load measurement, not a test: the audit queries as query-side answers them (documents read by
 * id from the embedded MongoDB on its H2 file) for a provider with 10,000 bookings whose events
 * were stored over a year (every fifth booking moved, every tenth cancelled: 13,000 events), one
 * thread.
 *
 * <pre>
 * ./mvnw -B -o -pl query-side -am test-compile -DskipTests
 * ./mvnw -B -o -pl query-side exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.calisera.query.audit.AuditQueryLoad
 * </pre>
 */
public final class AuditQueryLoad {

  static final int BOOKINGS = 10_000;
  static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration YEAR = Duration.ofDays(365);
  static final int WARMUP = 1_000;
  static final int MEASURED = 2_000;

  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory("audit-load");
    MVStore store = new MVStore.Builder().fileName(folder.resolve("load.mv").toString()).open();
    try (ReadModels readModels = new ReadModels(new H2Backend(store))) {
      var audit = readModels.register(new AuditProjection(readModels.mongo()));
      Map<String, String> metaData =
          Map.of(
              "actorId",
              "c1",
              "actorRoles",
              "CUSTOMER",
              "correlationId",
              "x",
              "traceId",
              "4bf92f3577b34da6a3ce929d0e0e4736");
      long feedStart = System.nanoTime();
      long sequence = 0;
      readModels.givenStored(
          "Provider", "p1", sequence++, FIRST, metaData, aProviderCreated("p1", ZoneId.of("UTC")));
      long spacing = YEAR.toMillis() / BOOKINGS;
      int events = 1;
      for (int i = 0; i < BOOKINGS; i++) {
        Instant at = FIRST.plusMillis(i * spacing);
        Instant start = at.plus(Duration.ofDays(7));
        BookingPlacedEvent placed = aBookingPlaced("p1", "b" + i, "s1", start, 30, 0, 0, "c" + i);
        readModels.givenStored("Provider", "p1", sequence++, at, metaData, placed);
        events++;
        if (i % 5 == 0) {
          readModels.givenStored(
              "Provider",
              "p1",
              sequence++,
              at.plusSeconds(60),
              metaData,
              rescheduled(placed, start.plusSeconds(3600)));
          events++;
        }
        if (i % 10 == 0) {
          readModels.givenStored(
              "Provider", "p1", sequence++, at.plusSeconds(120), metaData, cancelled(placed));
          events++;
        }
      }
      System.out.printf(
          "%d bookings, %d events over a year, projected in %.1f s%n",
          BOOKINGS, events, (System.nanoTime() - feedStart) / 1e9);

      Random random = new Random(42);
      long total = events;
      measure(
          "booking events",
          i ->
              audit
                  .bookingEvents(new FindBookingAuditEventsQuery("b" + random.nextInt(BOOKINGS)))
                  .events()
                  .size());
      measure(
          "booking asOf",
          i -> {
            var view =
                audit.bookingAsOf(
                    new FindBookingAsOfQuery(
                        "b" + random.nextInt(BOOKINGS),
                        FIRST.plusMillis(random.nextLong(YEAR.toMillis()))));
            return view == null ? 0 : view.history().size();
          });
      measure(
          "provider, one day, page 0 of 100",
          i -> {
            Instant from = FIRST.plus(Duration.ofDays(random.nextInt(364)));
            return audit
                .providerEvents(
                    new FindProviderAuditEventsQuery(
                        "p1", from, from.plus(Duration.ofDays(1)), 0, 100))
                .items()
                .size();
          });
      measure(
          "provider, 30 days, page 0 of 500",
          i -> {
            Instant from = FIRST.plus(Duration.ofDays(random.nextInt(335)));
            return audit
                .providerEvents(
                    new FindProviderAuditEventsQuery(
                        "p1", from, from.plus(Duration.ofDays(30)), 0, 500))
                .items()
                .size();
          });
      measure(
          "provider, whole history, a random page of 100",
          i ->
              audit
                  .providerEvents(
                      new FindProviderAuditEventsQuery(
                          "p1",
                          Instant.EPOCH,
                          Instant.parse("9999-01-01T00:00:00Z"),
                          random.nextInt((int) (total / 100)),
                          100))
                  .items()
                  .size());
    }
  }

  private static void measure(String name, IntFunction<Integer> query) {
    Histogram histogram = new Histogram(3_600_000_000L, 3);
    long items = 0;
    long measuredStart = 0;
    for (int i = 0; i < WARMUP + MEASURED; i++) {
      if (i == WARMUP) {
        measuredStart = System.nanoTime();
      }
      long start = System.nanoTime();
      int answered = query.apply(i);
      long took = System.nanoTime() - start;
      if (i >= WARMUP) {
        histogram.recordValue(took);
        items += answered;
      }
    }
    double seconds = (System.nanoTime() - measuredStart) / 1e9;
    System.out.printf(
        "%s: %d queries (%.1f items on average): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
            + " max %.2f ms, %.0f queries/s on one thread%n",
        name,
        MEASURED,
        items / (double) MEASURED,
        histogram.getValueAtPercentile(50) / 1e6,
        histogram.getValueAtPercentile(90) / 1e6,
        histogram.getValueAtPercentile(99) / 1e6,
        histogram.getMaxValue() / 1e6,
        MEASURED / seconds);
  }
}
