package io.calisera.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The hub benchmark: one embedded PostgreSQL (durable settings), the built hub jar as its own
 * process on it, Axon's {@code JdbcEventStorageEngine} and raw JDBC on the same server; appends of
 * one-event transactions from concurrent writers and catch-up reading by a tracking processor,
 * printed as events per second with ratios. See README.md.
 */
public final class HubBenchmark {

  static final String HUB_CLOSED = "append  hub, closed loop";
  static final String HUB_PIPELINED = "append  hub, pipelined";
  static final String HUB_CLOSED_DIRECT = "append  hub, closed loop, direct client";
  static final String HUB_PIPELINED_DIRECT = "append  hub, pipelined, direct client";
  static final List<String> HUB_APPENDS =
      List.of(HUB_CLOSED, HUB_PIPELINED, HUB_CLOSED_DIRECT, HUB_PIPELINED_DIRECT);
  static final String AXON_APPEND = "append  Axon JDBC, closed loop";
  static final String RAW_INSERT = "append  raw batched insert (1 thread)";
  static final String RAW_COPY = "append  raw binary COPY (1 thread)";
  static final String HUB_COMMANDS = "route   hub, commands, closed loop";
  static final String HUB_CATCH_UP = "catchup hub (TrackingEventProcessor)";
  static final String AXON_CATCH_UP = "catchup Axon JDBC (TrackingEventProcessor)";
  static final String RAW_READ = "catchup raw keyset read";
  static final String HUB_INTEGRITY = "verify  hub, whole history (GET /v1/integrity)";
  static final String HUB_INTEGRITY_APPENDS =
      "append  hub, closed loop, while the history is verified";

  private HubBenchmark() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromSystemProperties();
    var report = new Report(settings);
    report.header();
    Path work = Files.createTempDirectory("calisera-bench");
    int status = 0;
    try {
      run(settings, report, work);
      report.table();
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    } finally {
      deleteRecursively(work);
    }
    System.exit(status); // the connector's and Axon's threads would keep the JVM alive
  }

  private static void run(Settings settings, Report report, Path work) throws Exception {
    try (var database = Database.start(work.resolve("postgres"))) {
      report.line("PostgreSQL: " + database.durability());
      for (String name : new String[] {"hub", "axon", "raw"}) {
        database.createDatabase(name);
      }
      try (var hub =
              HubProcess.start(
                  settings.hubJar(),
                  work.resolve("hub"),
                  Map.of(
                      "CALISERA_POSTGRES_URL",
                      database.url("hub"),
                      "CALISERA_POSTGRES_USER",
                      database.user(),
                      "CALISERA_POSTGRES_PASSWORD",
                      database.password()),
                  List.of(settings.hubJvmArgs().trim().split("\\s+")),
                  List.of());
          HikariDataSource axonPool = database.pool("axon", settings.writers() + 2);
          Connection raw = database.connectRewritingBatches("raw")) {
        report.line(
            "hub: pid " + hub.pid() + ", JVM " + settings.hubJvmArgs() + ", log " + hub.log());

        // ---- the hub through the stock connector: as a Boot application configures it, and with
        // gRPC's callbacks on the transport threads instead of gRPC's default executor
        var stock = HubClient.connect(hub, settings, "stock", UnaryOperator.identity());
        var direct =
            HubClient.connect(hub, settings, "direct", ManagedChannelBuilder::directExecutor);
        // ---- a second application that handles the commands the first one sends
        var handler = HubClient.connect(hub, settings, "handler", UnaryOperator.identity());
        Commands.registerEchoHandler(handler.connections().getConnection().commandChannel());

        // ---- Axon's JDBC store with its default PostgreSQL schema, Spring transactions
        var engine =
            JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(axonPool))
                .transactionManager(
                    new SpringTransactionManager(new DataSourceTransactionManager(axonPool)))
                .eventSerializer(SampleEvents.SERIALIZER)
                .snapshotSerializer(SampleEvents.SERIALIZER)
                .batchSize(settings.jdbcBatch())
                .build();
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        var jdbcStore = EmbeddedEventStore.builder().storageEngine(engine).build();

        // ---- the raw table
        RawTable.create(raw);
        var rawTable = new RawTable();

        preload(settings, report, database, stock.channel(), engine, rawTable, raw);
        var cpu = new Cpu(hub.pid(), database.postmasterPid());
        var runner = new Runner(settings, report, database, cpu);

        for (int round = 1; round <= settings.rounds(); round++) {
          report.line("-- round " + round + " of " + settings.rounds() + ", load " + Report.load());
          verify(settings, report, database, hub, stock, cpu, round);
          catchUp(settings, report, database, stock.store(), jdbcStore, raw, cpu, round);
          appends(settings, runner, stock, direct, jdbcStore, rawTable, raw, round);
          runner.run(
              HUB_COMMANDS,
              settings.writers(),
              Commands.closedLoop(
                  stock.connections().getConnection().commandChannel(),
                  "r" + round + "-commands",
                  settings.eventsPerAggregate()));
        }
        jdbcStore.shutDown();
        stock.connections().shutdown();
        direct.connections().shutdown();
        handler.connections().shutdown();
      }
    }
  }

  private static void preload(
      Settings settings,
      Report report,
      Database database,
      EventChannel channel,
      JdbcEventStorageEngine engine,
      RawTable rawTable,
      Connection raw)
      throws Exception {
    int events = settings.catchUpEvents();
    int per = settings.eventsPerAggregate();
    long started = System.nanoTime();
    // the stores no chosen workload reads stay empty (e.g. -Dbench.only=verify)
    if (settings.runs(RAW_READ)) {
      Appends.preloadRaw(rawTable, raw, "preload", per, events);
      report.timing("preload raw table (COPY, 10,000 rows/commit)", events, started);
    }
    if (settings.runs(AXON_CATCH_UP)) {
      started = System.nanoTime();
      Appends.preloadAxonJdbc(engine, "preload", per, events);
      report.timing("preload Axon JDBC (appendEvents, 1000 events/tx, 2 threads)", events, started);
    }
    started = System.nanoTime();
    Appends.preloadHub(channel, "preload", per, events);
    report.timing("preload hub (connector, 1000 events/tx, 4 in flight)", events, started);
    started = System.nanoTime();
    for (String name : new String[] {"hub", "axon", "raw"}) {
      database.vacuumAnalyze(name);
    }
    database.checkpoint();
    report.timing("vacuum (freeze, analyze) and checkpoint", 0, started);
  }

  /**
   * The hub verifies its whole history (the preloaded events and whatever earlier rounds appended)
   * against its keyed chain and checkpoint, asked as its operator: alone, then once more while the
   * closed-loop appends run, whose rate then shows what the check costs them.
   */
  private static void verify(
      Settings settings,
      Report report,
      Database database,
      HubProcess hub,
      HubClient stock,
      Cpu cpu,
      int round)
      throws Exception {
    if (settings.runs(HUB_INTEGRITY)) {
      database.checkpoint();
      var before = cpu.sample();
      long checked = verifiedEvents(hub);
      var after = cpu.sample();
      report.result(
          HUB_INTEGRITY,
          checked * 1e9 / (after.nanos() - before.nanos()),
          null,
          after.since(before, checked));
      report.line(
          String.format(
              "  (%,d events verified in %.1f s)",
              checked, (after.nanos() - before.nanos()) / 1e9));
    }
    if (settings.runs(HUB_INTEGRITY_APPENDS)) {
      database.checkpoint();
      var checks = new AtomicLong();
      var stop = new AtomicBoolean();
      var checker =
          new Thread(
              () -> {
                while (!stop.get()) {
                  verifiedEvents(hub);
                  checks.incrementAndGet();
                }
              },
              "integrity-checker");
      checker.start();
      try {
        report.result(
            HUB_INTEGRITY_APPENDS,
            Load.run(
                cpu,
                settings.writers(),
                settings.warmup(),
                settings.duration(),
                Appends.closedLoop(
                    stock.store(), "r" + round + "-during-verify", settings.eventsPerAggregate())));
      } finally {
        stop.set(true);
        checker.join();
      }
      report.line(String.format("  (%d whole checks ran meanwhile)", checks.get()));
    }
  }

  /** Asks the hub to verify its history; fails unless it is valid. */
  private static long verifiedEvents(HubProcess hub) {
    var answer = hub.get("/v1/integrity");
    if (answer.statusCode() != 200 || !answer.body().contains("\"valid\":true")) {
      throw new IllegalStateException(
          "GET /v1/integrity: " + answer.statusCode() + " " + answer.body());
    }
    var matcher = Pattern.compile("\"eventsChecked\":(\\d+)").matcher(answer.body());
    if (!matcher.find()) {
      throw new IllegalStateException("GET /v1/integrity: " + answer.body());
    }
    return Long.parseLong(matcher.group(1));
  }

  private static void catchUp(
      Settings settings,
      Report report,
      Database database,
      AxonServerEventStore hubStore,
      EmbeddedEventStore jdbcStore,
      Connection raw,
      Cpu cpu,
      int round)
      throws Exception {
    int events = settings.catchUpEvents();
    int warmup = events; // one full catch-up first: both JVMs compile the read path
    int batch = settings.processorBatch();
    if (settings.runs(HUB_CATCH_UP)) {
      database.checkpoint();
      CatchUp.trackingProcessor("warmup-hub-" + round, hubStore, warmup, batch);
      var before = cpu.sample();
      double rate = CatchUp.trackingProcessor("hub-" + round, hubStore, events, batch);
      report.result(HUB_CATCH_UP, rate, null, cpu.sample().since(before, events));
    }
    if (settings.runs(AXON_CATCH_UP)) {
      database.checkpoint();
      CatchUp.trackingProcessor("warmup-jdbc-" + round, jdbcStore, warmup, batch);
      var before = cpu.sample();
      double rate = CatchUp.trackingProcessor("jdbc-" + round, jdbcStore, events, batch);
      report.result(AXON_CATCH_UP, rate, null, cpu.sample().since(before, events));
    }
    if (settings.runs(RAW_READ)) {
      database.checkpoint();
      RawTable.readAll(raw, warmup, 1000);
      var before = cpu.sample();
      long read = RawTable.readAll(raw, events, 1000);
      var after = cpu.sample();
      report.result(
          RAW_READ, read * 1e9 / (after.nanos() - before.nanos()), null, after.since(before, read));
    }
  }

  private static void appends(
      Settings settings,
      Runner append,
      HubClient stock,
      HubClient direct,
      EmbeddedEventStore jdbcStore,
      RawTable rawTable,
      Connection raw,
      int round)
      throws Exception {
    int writers = settings.writers();
    int per = settings.eventsPerAggregate();
    String r = "r" + round;
    for (HubClient client : List.of(stock, direct)) {
      append.run(
          client == stock ? HUB_CLOSED : HUB_CLOSED_DIRECT,
          writers,
          Appends.closedLoop(client.store(), r + "-closed-" + client.name(), per));
      append.run(
          client == stock ? HUB_PIPELINED : HUB_PIPELINED_DIRECT,
          writers,
          Appends.hubPipelined(
              client.channel(), r + "-pipelined-" + client.name(), per, settings.inFlight()));
    }
    append.run(AXON_APPEND, writers, Appends.closedLoop(jdbcStore, r + "-jdbc", per));
    append.run(
        RAW_INSERT,
        1,
        Appends.rawBatchedInsert(rawTable, raw, r + "-insert", per, settings.rawBatch()));
    append.run(RAW_COPY, 1, Appends.rawCopy(rawTable, raw, r + "-copy", per, settings.rawBatch()));
  }

  /** Runs one workload when asked for, each from a checkpointed database. */
  private record Runner(Settings settings, Report report, Database database, Cpu cpu) {

    void run(String workload, int writers, Load.Writer writer) throws Exception {
      if (settings.runs(workload)) {
        database.checkpoint();
        report.result(
            workload, Load.run(cpu, writers, settings.warmup(), settings.duration(), writer));
      }
    }
  }

  static String now() {
    return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // a temp folder; the OS cleans up what is left
                }
              });
    }
  }

  /** One connection to the hub through the stock connector, and Axon's event store on it. */
  record HubClient(
      String name,
      AxonServerConnectionManager connections,
      AxonServerEventStore store,
      EventChannel channel) {

    /** Connects as the hub's {@link HubApplications#TESTER}, which may do everything measured. */
    static HubClient connect(
        HubProcess hub,
        Settings settings,
        String name,
        UnaryOperator<ManagedChannelBuilder<?>> channelCustomizer) {
      var configuration =
          AxonServerConfiguration.builder()
              .servers(hub.address())
              .token(hub.token(HubApplications.TESTER))
              .componentName("calisera-benchmark")
              .clientId("benchmark-" + name + "-" + ProcessHandle.current().pid())
              .eventFlowControl(settings.permits(), settings.permits() / 2, settings.permits() / 2)
              .build();
      var connections =
          AxonServerConnectionManager.builder()
              .axonServerConfiguration(configuration)
              .channelCustomizer(channelCustomizer)
              .build();
      connections.start();
      var store =
          AxonServerEventStore.builder()
              .configuration(configuration)
              .platformConnectionManager(connections)
              .eventSerializer(SampleEvents.SERIALIZER)
              .snapshotSerializer(SampleEvents.SERIALIZER)
              .snapshotFilter(SnapshotFilter.allowAll())
              .build();
      return new HubClient(name, connections, store, connections.getConnection().eventChannel());
    }
  }
}
