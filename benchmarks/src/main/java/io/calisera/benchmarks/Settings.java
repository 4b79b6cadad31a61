package io.calisera.benchmarks;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one run does, from {@code -Dbench.*} system properties (defaults in brackets).
 *
 * @param hubJar the built hub ({@code bench.hubJar}, set by the Maven profile)
 * @param hubJvmArgs JVM options of the hub process [{@code -Xms1g -Xmx1g}]
 * @param catchUpEvents events preloaded into each store and read by the catch-up workloads
 *     [1,000,000]
 * @param writers concurrent writers of the append workloads [16]
 * @param inFlight transactions each writer keeps in flight in the pipelined hub workload [32]
 * @param eventsPerAggregate events a writer appends to one aggregate before it starts the next [10]
 * @param rawBatch rows per commit of the raw insert and COPY workloads [1000]
 * @param warmup warm-up of each append workload [5s]
 * @param duration measured time of each append workload [20s]
 * @param rounds how often every measured workload is repeated; the table shows the median [1]
 * @param processorBatch events per unit of work of the tracking processors [100]
 * @param jdbcBatch rows per query of Axon's JDBC engine when it streams events [1000]
 * @param permits {@code axon.axonserver.event-flow-control.permits} of the hub's processor [5000]
 * @param only run only the workloads whose names match this regular expression, e.g. {@code hub} or
 *     {@code catchup.hub} [all]
 */
record Settings(
    Path hubJar,
    String hubJvmArgs,
    int catchUpEvents,
    int writers,
    int inFlight,
    int eventsPerAggregate,
    int rawBatch,
    Duration warmup,
    Duration duration,
    int rounds,
    int processorBatch,
    int jdbcBatch,
    int permits,
    String only) {

  static Settings fromSystemProperties() {
    String jar = System.getProperty("bench.hubJar");
    if (jar == null || jar.isBlank()) {
      throw new IllegalStateException(
          "Set -Dbench.hubJar to the built hub jar (the Maven profile -Pbenchmark does)");
    }
    return new Settings(
        Path.of(jar).toAbsolutePath().normalize(),
        System.getProperty("bench.hubJvmArgs", "-Xms1g -Xmx1g"),
        Integer.getInteger("bench.catchUpEvents", 1_000_000),
        Integer.getInteger("bench.writers", 16),
        Integer.getInteger("bench.inFlight", 32),
        Integer.getInteger("bench.eventsPerAggregate", 10),
        Integer.getInteger("bench.rawBatch", 1000),
        Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 5)),
        Duration.ofSeconds(Integer.getInteger("bench.durationSeconds", 20)),
        Integer.getInteger("bench.rounds", 1),
        Integer.getInteger("bench.processorBatch", 100),
        Integer.getInteger("bench.jdbcBatch", 1000),
        Integer.getInteger("bench.permits", 5000),
        System.getProperty("bench.only", ""));
  }

  boolean runs(String workload) {
    return only.isBlank() || java.util.regex.Pattern.compile(only).matcher(workload).find();
  }
}
