package io.calisera.benchmarks;

import io.calisera.api.booking.BookingCancelledEvent;
import io.calisera.api.booking.BookingCompletedEvent;
import io.calisera.api.booking.BookingMarkedNoShowEvent;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.Customer;
import io.calisera.api.common.MessageSerialization;
import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.api.insights.ProviderInsights;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ScheduleReplacedEvent;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.api.schedule.WeeklyHours;
import io.calisera.testing.HubProcess;
import io.calisera.testing.HubTester;
import io.calisera.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * The analytics projector rebuilding its tables from a history of {@code bench.events} (1,000,000)
 * events: the hub's built jar preloaded with the lives of {@code bench.providers} (1,000) providers
 * interleaved as they would happen (each created with two services and a schedule, then bookings
 * placed, a tenth cancelled and a tenth more each moved, marked no-show, three tenths completed),
 * then the projector's built jar started on an empty database (embedded PostgreSQL, as {@code
 * ./calisera up} runs it). It measures from the first position the projector reports until it
 * reports the hub's last token (its JVM's start-up excluded), checks one provider's figures, and
 * prints events/s with the load average.
 *
 * <pre>
 * ./mvnw -B -ntp -pl axonserver,analytics-projector,benchmarks -am package -DskipTests -Panalytics-replay
 * </pre>
 */
public final class AnalyticsReplay {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant FIRST = Instant.parse("2026-01-05T08:00:00Z");
  private static final int APPEND_BATCH = 1000;

  private AnalyticsReplay() {}

  public static void main(String[] args) throws Exception {
    long events = Long.getLong("bench.events", 1_000_000);
    int providers = Integer.getInteger("bench.providers", 1_000);
    Path home = Files.createTempDirectory("analytics-replay");
    System.out.printf(
        "analytics replay: %,d events of %,d providers; load average %s%n",
        events, providers, Report.load());
    HubProcess hub =
        HubProcess.start(null, home.resolve("hub"), Map.of(), List.of("-Xmx384m"), List.of());
    HubTester hubTester = null;
    ServiceProcess projector = null;
    try {
      hubTester = HubTester.connect(hub, "analytics-bench", MessageSerialization.objectMapper());
      List<ProviderLife> lives = new ArrayList<>();
      for (int p = 0; p < providers; p++) {
        lives.add(new ProviderLife("provider-" + p, p));
      }
      long preloadStart = System.nanoTime();
      List<DomainEventMessage<?>> batch = new ArrayList<>(APPEND_BATCH);
      for (long n = 0; n < events; n++) {
        ProviderLife life = lives.get((int) (n % providers));
        batch.add(life.next());
        if (batch.size() == APPEND_BATCH || n == events - 1) {
          hubTester.publishMessages(batch);
          batch = new ArrayList<>(APPEND_BATCH);
        }
        if ((n + 1) % 200_000 == 0) {
          System.out.printf("  preloaded %,d events%n", n + 1);
        }
      }
      long last = hubTester.lastToken();
      System.out.printf(
          "preload: %,d events in %.1f s; the hub's last token %,d%n",
          events, (System.nanoTime() - preloadStart) / 1e9, last);

      int port = ServiceProcess.freePort();
      projector =
          ServiceProcess.of(
              "analytics-projector",
              home.resolve("analytics-projector.log"),
              port,
              hub.connectionEnvironment(
                  "analytics-projector",
                  Map.of("CALISERA_HOME", home.resolve("analytics").toString())),
              List.of("--server.port=" + port, "--axon.axonserver.client-id=analytics-bench"),
              projectorJvmArguments());
      String otherJar = System.getProperty("bench.projectorJar", "");
      projector = (otherJar.isBlank() ? projector : projector.withJar(Path.of(otherJar))).launch();
      long launched = System.nanoTime();
      ReplayCpu cpu =
          new ReplayCpu(projector.pid(), hub.pid(), home.resolve("analytics"), home.resolve("hub"));
      Map<String, Double> cpuAtFirst = null;
      double loadLow = Double.MAX_VALUE;
      double loadHigh = 0;
      long loadSampledAt = 0;
      long firstSeenAt = 0;
      long firstPosition = -1;
      long position = -1;
      while (position < last) {
        if (!projector.isAlive()) {
          throw new IllegalStateException("The projector stopped; see " + projector.log());
        }
        position = position(hubTester);
        if (position >= 0 && firstSeenAt == 0) {
          firstSeenAt = System.nanoTime();
          firstPosition = position;
          cpuAtFirst = cpu.sample();
          System.out.printf(
              "  first position %,d after %.1f s (start-up)%n",
              position, (firstSeenAt - launched) / 1e9);
        }
        if (System.nanoTime() - launched > TimeUnit.MINUTES.toNanos(60)) {
          throw new IllegalStateException("No catch-up in an hour: at " + position);
        }
        if (firstSeenAt != 0 && System.nanoTime() - loadSampledAt > 5_000_000_000L) {
          double load = Report.loadOneMinute();
          loadLow = Math.min(loadLow, load);
          loadHigh = Math.max(loadHigh, load);
          loadSampledAt = System.nanoTime();
        }
        Thread.sleep(position < 0 ? 500 : 100);
      }
      long caughtUp = System.nanoTime();
      Map<String, Double> cpuAtEnd = cpu.sample();
      double seconds = (caughtUp - firstSeenAt) / 1e9;
      double rate = (last - firstPosition) / seconds;

      ProviderLife checked = lives.get(0);
      ProviderInsights insights =
          hubTester
              .queries()
              .query(
                  new FindProviderInsightsQuery(
                      checked.providerId, checked.firstDate, checked.firstDate.plusDays(365)),
                  ProviderInsights.class)
              .get(30, TimeUnit.SECONDS);
      if (insights.current().bookings() != checked.bookingsInFirstYear()) {
        throw new IllegalStateException(
            "provider-0 has "
                + insights.current().bookings()
                + " bookings in its first year, expected "
                + checked.bookingsInFirstYear());
      }
      System.out.printf(
          "  provider-0: %,d bookings in its first year, as appended%n",
          insights.current().bookings());
      System.out.printf(
          "analytics replay: %,d events hub -> PostgreSQL in %.1f s: %,.0f events/s (goal 20,000;"
              + " %.1f s with the JVM's start-up); load average %s%n",
          last - firstPosition, seconds, rate, (caughtUp - launched) / 1e9, Report.load());
      System.out.printf(
          "  one-minute load average during the replay %.1f..%.1f; CPU of the replay per process:%s%n",
          loadLow, loadHigh, ReplayCpu.between(cpuAtFirst, cpuAtEnd, last - firstPosition));
    } finally {
      if (projector != null) {
        projector.stop();
      }
      if (hubTester != null) {
        hubTester.close();
      }
      hub.stop();
    }
  }

  /**
   * The projector's JVM options (its jar: {@code bench.projectorJar}, else this repository's
   * build): {@code -Xmx512m}, and {@code bench.projectorJvmArgs} (space separated), e.g. {@code
   * -XX:StartFlightRecording=filename=replay.jfr} to profile the replay.
   */
  private static List<String> projectorJvmArguments() {
    List<String> arguments = new ArrayList<>(List.of("-Xmx512m"));
    String more = System.getProperty("bench.projectorJvmArgs", "").trim();
    if (!more.isEmpty()) {
      arguments.addAll(List.of(more.split("\\s+")));
    }
    return arguments;
  }

  private static long position(HubTester hubTester) {
    try {
      ReadModelPositions positions =
          hubTester
              .queries()
              .query(new FindReadModelPositionsQuery("bench"), ReadModelPositions.class)
              .get(5, TimeUnit.SECONDS);
      return positions.readModels().stream()
          .filter(p -> p.name().equals("analytics"))
          .mapToLong(ReadModelPositions.ReadModelPosition::position)
          .findFirst()
          .orElse(-1);
    } catch (Exception notYet) {
      return -1; // not connected yet, or its handlers not registered
    }
  }

  /**
   * One provider's events in order, as the command side records them in the provider's stream: an
   * hour of business time per booking, each starting 1 to 14 days after it was placed.
   */
  private static final class ProviderLife {

    final String providerId;
    final LocalDate firstDate;
    private final String owner;
    private final Instant created;
    private long sequence;
    private int booking;
    private BookingPlacedEvent open;
    private final List<Instant> starts = new ArrayList<>();

    ProviderLife(String providerId, int index) {
      this.providerId = providerId;
      this.owner = "owner-" + index;
      this.created = FIRST.plusSeconds(index);
      this.firstDate = LocalDate.ofInstant(created, BERLIN);
    }

    DomainEventMessage<?> next() {
      Object event = event();
      return new GenericDomainEventMessage<>("Provider", providerId, sequence++, event);
    }

    long bookingsInFirstYear() {
      Instant end = firstDate.plusDays(366).atStartOfDay(BERLIN).toInstant();
      return starts.stream().filter(s -> s.isBefore(end)).count();
    }

    private Object event() {
      if (sequence == 0) {
        return new ProviderCreatedEvent(
            providerId,
            owner,
            "Studio " + providerId,
            null,
            BERLIN,
            null,
            null,
            null,
            owner,
            created);
      }
      if (sequence == 1 || sequence == 2) {
        String name = sequence == 1 ? "Haircut" : "Coloring";
        int minutes = sequence == 1 ? 30 : 90;
        return new ServiceAddedEvent(
            providerId,
            service(sequence == 1),
            new ServiceDefinition(name, SlotSettings.withDefaults(minutes), null, 0, false, null),
            owner,
            created);
      }
      if (sequence == 3) {
        List<WeeklyHours> weekly = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
          if (day != DayOfWeek.SUNDAY) {
            weekly.add(WeeklyHours.of(day, "09:00", "17:00"));
          }
        }
        return new ScheduleReplacedEvent(providerId, weekly, List.of(), owner, created);
      }
      if (open != null) {
        BookingPlacedEvent placed = open;
        open = null;
        return follow(placed);
      }
      int n = booking++;
      Instant at = created.plus(Duration.ofHours(n + 1L));
      boolean haircut = n % 3 != 0;
      Instant start = at.plus(Duration.ofDays(1 + n % 14));
      BookingPlacedEvent placed =
          new BookingPlacedEvent(
              providerId,
              providerId + "-b" + n,
              service(haircut),
              start,
              start.plus(Duration.ofMinutes(haircut ? 30 : 90)),
              0,
              0,
              0,
              BookingStatus.CONFIRMED,
              new Customer("Customer " + n, "c" + n + "@example.com", null, BERLIN),
              "customer-" + n,
              null,
              "customer-" + n,
              at,
              null);
      starts.add(start);
      if (n % 10 < 7) {
        open = placed;
      }
      return placed;
    }

    /** What becomes of booking {@code n}: by n % 10, cancelled (0, 1), moved, no-show, done. */
    private Object follow(BookingPlacedEvent placed) {
      int n = booking - 1;
      Instant at = placed.at().plus(Duration.ofMinutes(10));
      String id = placed.bookingId();
      return switch (n % 10) {
        case 0, 1 -> new BookingCancelledEvent(providerId, id, "cannot come", "customer-" + n, at);
        case 2 -> {
          Instant to = placed.start().plus(Duration.ofHours(2));
          starts.set(n, to);
          yield new BookingRescheduledEvent(
              providerId,
              id,
              placed.start(),
              placed.end(),
              to,
              placed.end().plus(Duration.ofHours(2)),
              0,
              0,
              null,
              "customer-" + n,
              at,
              null);
        }
        case 3 -> new BookingMarkedNoShowEvent(providerId, id, owner, placed.end());
        default -> new BookingCompletedEvent(providerId, id, owner, placed.end());
      };
    }

    private String service(boolean haircut) {
      return providerId + (haircut ? "-haircut" : "-coloring");
    }
  }
}
