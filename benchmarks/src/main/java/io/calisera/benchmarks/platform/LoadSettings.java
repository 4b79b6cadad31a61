package io.calisera.benchmarks.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run of the load driver does, from {@code -Dload.*} system properties (defaults in
 * brackets).
 *
 * @param base the bff of a running platform, e.g. {@code http://localhost:8080}; unset: the driver
 *     starts the platform itself with {@code ./calisera up --detach} in a new {@code home} and
 *     stops it at the end [unset]
 * @param home the platform's {@code CALISERA_HOME}, where its pid files are (for CPU and memory)
 *     [{@code benchmarks/target/load-home} when the driver starts it; required with {@code base}]
 * @param rows what to run, one row after the other (see {@link Row#parse}) [{@code g1,g4,g16,g32,
 *     g64,g32+r4,c32,c32+r4,hot}]
 * @param providers providers the bookings of a row spread over; every row gets new ones [20]
 * @param warmup warm-up of each row, not measured [5s]
 * @param duration measured time of each row [20s]
 * @param hotSlots slots the contention row races for, one after the other [5]
 * @param hotClients clients racing for each hot slot [32]
 * @param output the JSON file of the results [{@code benchmarks/target/platform-load.json}]
 */
record LoadSettings(
    String base,
    Path home,
    List<Row> rows,
    int providers,
    Duration warmup,
    Duration duration,
    int hotSlots,
    int hotClients,
    Path output) {

  static LoadSettings fromSystemProperties(Path repository) {
    String base = System.getProperty("load.base", "").trim();
    String home = System.getProperty("load.home", "").trim();
    if (!base.isEmpty() && home.isEmpty()) {
      throw new IllegalArgumentException(
          "With -Dload.base, set -Dload.home to that platform's CALISERA_HOME (its pid files tell"
              + " the driver which processes to measure)");
    }
    return new LoadSettings(
        base.isEmpty() ? null : base,
        home.isEmpty()
            ? repository.resolve("benchmarks/target/load-home")
            : Path.of(home).toAbsolutePath(),
        Arrays.stream(
                System.getProperty("load.rows", "g1,g4,g16,g32,g64,g32+r4,c32,c32+r4,hot")
                    .split(","))
            .map(String::trim)
            .filter(token -> !token.isEmpty())
            .map(Row::parse)
            .toList(),
        positive("load.providers", 20),
        Duration.ofSeconds(positive("load.warmupSeconds", 5)),
        Duration.ofSeconds(positive("load.durationSeconds", 20)),
        positive("load.hotSlots", 5),
        positive("load.hotClients", 32),
        Path.of(
                System.getProperty(
                    "load.output",
                    repository.resolve("benchmarks/target/platform-load.json").toString()))
            .toAbsolutePath());
  }

  private static int positive(String property, int fallback) {
    int value = Integer.getInteger(property, fallback);
    if (value < 1) {
      throw new IllegalArgumentException(property + " must be at least 1, was " + value);
    }
    return value;
  }

  /**
   * One row of the table: clients that run together for a warm-up and a measured window.
   *
   * @param guests closed-loop clients booking as guests (no token)
   * @param customers closed-loop clients booking as signed-in customers, one account each
   * @param readers closed-loop clients listing slots (7 and 62 days) and reading provider pages
   * @param checkers closed-loop clients that book as guests and at once list that day's slots,
   *     counting every time their own booking is still offered (read-your-writes)
   * @param arrivalsPerSecond open loop: guest bookings started at this fixed rate whatever the
   *     answers (latency counts from the planned start, so queueing shows); 0 for none
   * @param hot the contention row: {@code hotClients} clients race for each of {@code hotSlots}
   */
  record Row(
      String name,
      int guests,
      int customers,
      int readers,
      int checkers,
      int arrivalsPerSecond,
      boolean hot) {

    private static final Pattern PART = Pattern.compile("([gcrwo])([0-9]+)");

    /**
     * A row from its name: {@code hot}, or parts joined by {@code +}: {@code g<N>} guests, {@code
     * c<N>} customers, {@code r<N>} readers, {@code w<N>} read-your-writes checkers, {@code o<N>}
     * open-loop guest bookings per second; e.g. {@code g32+r4}, {@code c32}, {@code o150+r4}.
     */
    static Row parse(String name) {
      if (name.equals("hot")) {
        return new Row(name, 0, 0, 0, 0, 0, true);
      }
      int[] counts = new int[5];
      for (String part : name.split("\\+")) {
        Matcher matcher = PART.matcher(part);
        if (!matcher.matches()) {
          throw new IllegalArgumentException(
              "Row "
                  + name
                  + ": "
                  + part
                  + " is not g<N>, c<N>, r<N>, w<N> or o<N> (guests, customers, readers,"
                  + " checkers, open-loop bookings per second), nor hot");
        }
        counts["gcrwo".indexOf(matcher.group(1))] += Integer.parseInt(matcher.group(2));
      }
      if (counts[0] + counts[1] + counts[2] + counts[3] + counts[4] == 0) {
        throw new IllegalArgumentException("Row " + name + " has no clients");
      }
      return new Row(name, counts[0], counts[1], counts[2], counts[3], counts[4], false);
    }

    /** Clients or arrivals that book. */
    boolean books() {
      return guests + customers + checkers + arrivalsPerSecond > 0;
    }
  }
}
