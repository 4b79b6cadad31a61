package io.calisera.axonserver;

import static io.calisera.axonserver.support.HubClient.domainEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.calisera.axonserver.support.HubClient;
import io.calisera.axonserver.support.IntegrityReport;
import io.calisera.testing.HubProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub with its default storage, the embedded PostgreSQL, killed with SIGKILL in the middle of
 * concurrent appends and started again on the same data: it uses the PostgreSQL server its
 * predecessor left running (after ending that one's sessions), and every event it confirmed must
 * still be there, in a gap-free token order with an intact digest chain.
 */
class CrashRecoveryIT {

  private static final Pattern STORAGE_LINE =
      Pattern.compile("axonserver: embedded PostgreSQL on port (\\d+) with its data in (\\S+)");
  private static final int CLIENTS = 16;
  private static final int AGGREGATES_PER_CLIENT = 4;

  @TempDir static Path home;
  static HubProcess hub;

  @BeforeAll
  static void startHub() {
    hub = HubProcess.start(home);
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.stop();
    }
  }

  @Test
  void theHubSaysWhereItsDataLivesAndRunsPostgresqlWithFsyncAndSynchronousCommit()
      throws Exception {
    StorageLine storage = lastStorageLine();

    assertThat(storage.dataDirectory())
        .isEqualTo(home.resolve("axonserver").resolve("postgres").toAbsolutePath().normalize());
    assertThat(storage.dataDirectory().resolve("PG_VERSION")).exists();
    try (var connection =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + storage.port() + "/postgres",
                "postgres",
                // data_directory is the superuser's to see
                Files.readString(
                    home.resolve("secrets").resolve("postgres-axonserver-superuser.password")));
        var statement = connection.createStatement()) {
      assertThat(show(statement, "fsync")).isEqualTo("on");
      assertThat(show(statement, "synchronous_commit")).isEqualTo("on");
      assertThat(show(statement, "full_page_writes")).isEqualTo("on");
      assertThat(show(statement, "data_directory"))
          .as("the server on that port is the one with the announced data")
          .isEqualTo(storage.dataDirectory().toString());
    }
  }

  @Test
  void everyConfirmedEventSurvivesAKill9DuringConcurrentAppends() throws Exception {
    long headBefore;
    try (var client = HubClient.connect(hub)) {
      headBefore = client.lastToken();
    }
    var burst = new AppendBurst();
    burst.start();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> burst.confirmed.size() >= 600 || !burst.unexpectedFailures.isEmpty());
    assertThat(burst.unexpectedFailures).as("appends refused before the kill").isEmpty();

    burst.killing = true;
    hub.kill();
    burst.join();
    System.out.printf(
        "Killed the hub after %d confirmed transactions, with %d in flight%n",
        burst.confirmed.size(), burst.inFlightAtKill.size());
    long orphan = postmasterPid();
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
        .as("the killed hub's PostgreSQL server (pid %d) keeps running", orphan)
        .contains(true);
    assertThat(burst.unexpectedFailures).as("appends refused before the kill").isEmpty();
    assertThat(burst.inFlightAtKill)
        .as("transactions that were sent but not confirmed when the hub died")
        .isNotEmpty();

    hub.start();

    // the orphan is used as it is, once the killed hub's sessions (and whatever they were still
    // writing) are ended: no shutdown checkpoint and no start to wait for
    assertThat(postmasterPid()).isEqualTo(orphan);
    assertThat(Files.readString(hub.log()))
        .contains("Using the PostgreSQL server (pid " + orphan + ", port ")
        .contains("its sessions ended");

    try (var client = HubClient.connect(hub)) {
      long head = client.lastToken();
      List<EventWithToken> stored = client.readEvents(0, Math.toIntExact(head + 1));

      assertThat(stored)
          .extracting(EventWithToken::getToken)
          .as("tokens 0..head, each once, in order")
          .containsExactlyElementsOf(LongStream.rangeClosed(0, head).boxed().toList());
      Map<String, Event> byId = new HashMap<>();
      stored.forEach(e -> byId.put(e.getEvent().getMessageIdentifier(), e.getEvent()));
      assertThat(byId).as("no event stored twice").hasSize(stored.size());

      for (List<Event> transaction : burst.confirmed) {
        for (Event event : transaction) {
          assertThat(byId.get(event.getMessageIdentifier()))
              .as("confirmed event %s", event.getMessageIdentifier())
              .isEqualTo(event);
        }
      }
      for (List<Event> transaction : burst.inFlightAtKill) {
        long present =
            transaction.stream().filter(e -> byId.containsKey(e.getMessageIdentifier())).count();
        assertThat(present)
            .as("an unconfirmed transaction is stored entirely or not at all")
            .isIn(0L, (long) transaction.size());
      }
      Set<String> sentIds = new HashSet<>();
      burst.sent.forEach(t -> t.forEach(e -> sentIds.add(e.getMessageIdentifier())));
      assertThat(stored.subList(Math.toIntExact(headBefore + 1), stored.size()))
          .extracting(e -> e.getEvent().getMessageIdentifier())
          .as("nothing stored that was never sent")
          .allMatch(sentIds::contains);
      assertEveryAggregateIsGapFree(stored);

      IntegrityReport integrity = IntegrityReport.of(hub);
      assertThat(integrity.valid()).isTrue();
      assertThat(integrity.eventsChecked()).isEqualTo(head + 1);
      assertThat(integrity.firstInvalidPosition()).isNull();

      Event next = domainEvent("after-crash-" + UUID.randomUUID(), 0);
      client.appendAndWait(next);
      assertThat(client.lastToken()).as("numbering goes on after the crash").isEqualTo(head + 1);
      assertThat(client.readEvents(head + 1, 1))
          .as("no stored event hides between the reported head and the next append")
          .extracting(EventWithToken::getToken, EventWithToken::getEvent)
          .containsExactly(tuple(head + 1, next));
    }
  }

  @Test
  void aCleanStopAndStartKeepsEveryEventAndLeavesNoServerBehind() throws Exception {
    try (var client = HubClient.connect(hub)) {
      for (int i = 0; i < 20; i++) {
        String aggregate = "clean-" + UUID.randomUUID();
        client.appendAndWait(domainEvent(aggregate, 0), domainEvent(aggregate, 1));
      }
    }
    List<EventWithToken> before;
    try (var client = HubClient.connect(hub)) {
      before = client.readAllEvents();
    }
    long server = postmasterPid();

    hub.stop();

    assertThat(lastStorageLine().dataDirectory().resolve("postmaster.pid")).doesNotExist();
    awaitExit(server, "a stopped hub stops its PostgreSQL server too");

    hub.start();

    try (var client = HubClient.connect(hub)) {
      assertThat(client.lastToken()).isEqualTo(before.size() - 1);
      assertThat(client.readAllEvents()).isEqualTo(before);
    }
    IntegrityReport integrity = IntegrityReport.of(hub);
    assertThat(integrity.valid()).isTrue();
    assertThat(integrity.eventsChecked()).isEqualTo(before.size());
  }

  @Test
  void aSecondHubOnTheSameDataRefusesToStartAndLeavesTheRunningServerAlone() throws Exception {
    long server = postmasterPid();

    Throwable refused = catchThrowable(() -> HubProcess.start(home));

    assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("exited");
    assertThat(Files.readString(hub.log())).contains("is in use by another running hub");
    assertThat(postmasterPid()).isEqualTo(server);
    assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive)).contains(true);
    try (var client = HubClient.connect(hub)) {
      String aggregate = "still-serving-" + UUID.randomUUID();
      client.appendAndWait(domainEvent(aggregate, 0));
      assertThat(client.highestSequence(aggregate)).isZero();
    }
  }

  /**
   * Many clients, each on its own connection, appending transactions of one to three of its own
   * aggregates (one or two events each, with correct sequence numbers) as fast as they are
   * confirmed.
   */
  private static final class AppendBurst {
    final Queue<List<Event>> confirmed = new ConcurrentLinkedQueue<>();
    final Queue<List<Event>> inFlightAtKill = new ConcurrentLinkedQueue<>();
    final Queue<Throwable> unexpectedFailures = new ConcurrentLinkedQueue<>();
    final Queue<List<Event>> sent = new ConcurrentLinkedQueue<>();
    final List<Thread> threads = new ArrayList<>();
    volatile boolean killing;

    void start() {
      for (int c = 0; c < CLIENTS; c++) {
        String client = "crash-" + c + "-" + UUID.randomUUID();
        var thread = new Thread(() -> appendUntilTheHubDies(client), client);
        threads.add(thread);
        thread.start();
      }
    }

    private void appendUntilTheHubDies(String client) {
      long[] nextSequence = new long[AGGREGATES_PER_CLIENT];
      try (var connection = HubClient.connect(hub)) {
        for (int round = 0; !killing; round++) {
          List<Event> transaction = new ArrayList<>();
          int aggregates = 1 + round % 3;
          for (int a = 0; a < aggregates; a++) {
            int aggregate = (round + a) % AGGREGATES_PER_CLIENT;
            int events = 1 + (round + a) % 2;
            for (int e = 0; e < events; e++) {
              transaction.add(
                  domainEvent(client + "/" + aggregate, nextSequence[aggregate]++, round));
            }
          }
          sent.add(transaction);
          try {
            connection.append(transaction).get(HubClient.CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            confirmed.add(transaction);
          } catch (Exception failure) {
            if (killing) {
              inFlightAtKill.add(transaction);
            } else {
              unexpectedFailures.add(failure);
            }
            return;
          }
        }
      }
    }

    void join() throws InterruptedException {
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(HubClient.CALL_TIMEOUT_SECONDS * 2));
        assertThat(thread.isAlive()).as("%s ended", thread.getName()).isFalse();
      }
    }
  }

  /** Each aggregate's stored events have the sequence numbers 0..n-1, in token order. */
  private static void assertEveryAggregateIsGapFree(List<EventWithToken> stored) {
    Map<String, Long> next = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (EventWithToken e : stored) {
      String aggregate = e.getEvent().getAggregateIdentifier();
      long expected = next.getOrDefault(aggregate, 0L);
      assertThat(e.getEvent().getAggregateSequenceNumber())
          .as("sequence of %s at token %d", aggregate, e.getToken())
          .isEqualTo(expected);
      next.put(aggregate, expected + 1);
      seen.add(aggregate);
    }
    assertThat(seen).isNotEmpty();
  }

  private record StorageLine(int port, Path dataDirectory) {}

  private static StorageLine lastStorageLine() throws IOException {
    StorageLine last = null;
    for (String line : Files.readAllLines(hub.log())) {
      Matcher matcher = STORAGE_LINE.matcher(line);
      if (matcher.find()) {
        last = new StorageLine(Integer.parseInt(matcher.group(1)), Path.of(matcher.group(2)));
      }
    }
    assertThat(last).as("the hub logs where its events live").isNotNull();
    return last;
  }

  private static long postmasterPid() throws IOException {
    Path pidFile = lastStorageLine().dataDirectory().resolve("postmaster.pid");
    assertThat(pidFile).exists();
    return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
  }

  /** The process is gone; allows for the moment between its exit and its parent reaping it. */
  private static void awaitExit(long pid, String why) {
    await()
        .alias(why)
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  private static String show(java.sql.Statement statement, String setting) throws SQLException {
    try (var rows = statement.executeQuery("show " + setting)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
