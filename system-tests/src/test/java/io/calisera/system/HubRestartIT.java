package io.calisera.system;

import static io.calisera.testing.ApiClient.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calisera.testing.ApiClient;
import io.calisera.testing.PlatformProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hub killed with SIGKILL while 16 clients book through the bff, and started again 2 s later,
 * three times: no request is answered 500 (while the hub is away the bff answers 503 with {@code
 * Retry-After}), and every booking that was answered 201 is readable afterwards. How long bookings
 * took to succeed again is printed, counted from the kill and from the restart (the goal: 10 s from
 * the restart, issue 12), with the hub's own start (wall and CPU) beside it; a machine's load
 * changes those figures, so they are reported, not asserted.
 */
@Order(8)
@ExtendWith(SharedPlatform.class)
class HubRestartIT {

  private static final int CLIENTS = 16;
  private static final int ROUNDS = 3;
  private static final Duration OUTAGE = Duration.ofSeconds(2);

  /** The services run on the machine's clock, so the test books from tomorrow on by it. */
  private static final Clock MACHINE = Clock.systemUTC();

  /** One request of the load and its answer; times are {@link System#nanoTime()}. */
  record Answer(
      int client,
      long sent,
      long answered,
      int status,
      String bookingId,
      String body,
      boolean retryAfter) {}

  /**
   * What one kill and restart cost, from the kill to the first booking answered 201 (of a request
   * sent after the kill): the outage itself ({@link #OUTAGE}), the hub's start (its JVM, its
   * PostgreSQL after a crash: until it answers its health check, and the CPU its JVM used so far),
   * and the services finding it again.
   */
  record Round(
      int number,
      long killed,
      long restarted,
      long healthy,
      Duration hubStartCpu,
      Answer firstBooking,
      String loadAverage) {

    Duration fromKill() {
      return Duration.ofNanos(firstBooking.answered() - killed);
    }

    Duration fromRestart() {
      return Duration.ofNanos(firstBooking.answered() - restarted);
    }

    @Override
    public String toString() {
      return "round "
          + number
          + ": the first booking "
          + seconds(fromKill())
          + " after the kill, "
          + seconds(fromRestart())
          + " after the restart; the hub healthy "
          + seconds(Duration.ofNanos(healthy - restarted))
          + " after the restart ("
          + seconds(hubStartCpu)
          + " CPU), the first booking "
          + seconds(Duration.ofNanos(firstBooking.answered() - healthy))
          + " after that; load average "
          + loadAverage;
    }
  }

  @Test
  void bookingsResumeWithinSecondsOfAHubRestartAndNothingAcknowledgedIsLost(
      SharedPlatform.Running shared) throws Exception {
    PlatformProcesses platform = shared.platform();
    ApiClient api = ApiClient.onPort(platform.process("bff-1").httpPort());

    String owner = api.devLogin("restart-owner@example.com", "Owner");
    List<String> customers = new ArrayList<>();
    List<ApiClient.Offer> offers = new ArrayList<>();
    List<String> allDay =
        Stream.of(DayOfWeek.values()).map(day -> hours(day, "00:00", "24:00")).toList();
    for (int client = 0; client < CLIENTS; client++) {
      customers.add(api.devLogin("customer-" + client + "@example.com", "Customer " + client));
      offers.add(
          api.offer(
              owner,
              "Studio " + client,
              "UTC",
              "{\"name\":\"Five minutes\",\"durationMinutes\":5}",
              allDay));
    }

    // each client books the slots of its own provider one after another, from tomorrow on
    Instant firstSlot = LocalDate.now(MACHINE).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    var answers = new ConcurrentLinkedQueue<Answer>();
    var stop = new AtomicBoolean();
    ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      clients.add(
          load.submit(
              () -> {
                ApiClient.Offer offer = offers.get(client);
                for (int slot = 0; !stop.get(); slot++) {
                  String start = firstSlot.plus(Duration.ofMinutes(5L * slot)).toString();
                  long sent = System.nanoTime();
                  ApiClient.Answer response =
                      api.post(
                          "/bookings",
                          customers.get(client),
                          ApiClient.booking(
                              offer.providerId(), offer.serviceId(), start, "c" + client));
                  answers.add(answer(client, sent, response));
                  if (response.status() == 503) {
                    pause(Duration.ofMillis(200)); // a client that is told to wait waits a little
                  }
                }
                return null;
              }));
    }

    List<Round> rounds = new ArrayList<>();
    for (int number = 1; number <= ROUNDS; number++) {
      long booked = booked(answers);
      await().atMost(Duration.ofSeconds(60)).until(() -> booked(answers) >= booked + 50);
      long killed = System.nanoTime();
      platform.hub().kill();
      pause(OUTAGE);
      long restarted = System.nanoTime();
      platform.hub().start();
      long healthy = System.nanoTime();
      Duration hubStartCpu =
          ProcessHandle.of(platform.hub().pid())
              .flatMap(hub -> hub.info().totalCpuDuration())
              .orElse(Duration.ZERO);
      Answer first =
          await()
              .atMost(Duration.ofSeconds(120))
              .until(() -> firstBookingAfter(answers, killed, restarted), Optional::isPresent)
              .orElseThrow();
      rounds.add(new Round(number, killed, restarted, healthy, hubStartCpu, first, loadAverage()));
    }
    long booked = booked(answers);
    await().atMost(Duration.ofSeconds(60)).until(() -> booked(answers) >= booked + 50);
    stop.set(true);
    for (Future<?> client : clients) {
      client.get(2, TimeUnit.MINUTES);
    }
    load.shutdown();

    List<Answer> all = List.copyOf(answers);
    Map<Integer, Long> byStatus =
        all.stream()
            .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
    System.out.println("HubRestartIT: " + all.size() + " requests, by status " + byStatus);
    rounds.forEach(round -> System.out.println("HubRestartIT: " + round));

    assertThat(all)
        .as("answers other than 201 and 503")
        .filteredOn(a -> a.status() != 201 && a.status() != 503)
        .isEmpty();
    assertThat(all)
        .as("503 answers are problems that say when to try again")
        .filteredOn(a -> a.status() == 503)
        .allSatisfy(
            a -> {
              assertThat(a.retryAfter()).as(a.body()).isTrue();
              assertThat(a.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
            });

    List<Answer> acknowledged = all.stream().filter(a -> a.status() == 201).toList();
    var readers = new ForkJoinPool(CLIENTS);
    long stopped = System.nanoTime();
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                List<String> unreadable =
                    readers
                        .submit(
                            () ->
                                acknowledged.parallelStream()
                                    .filter(
                                        a ->
                                            api.get(
                                                        "/bookings/" + a.bookingId(),
                                                        customers.get(a.client()))
                                                    .status()
                                                != 200)
                                    .map(Answer::bookingId)
                                    .toList())
                        .get();
                assertThat(unreadable).as("bookings answered 201 but not readable").isEmpty();
              });
    } finally {
      readers.shutdown();
    }
    System.out.println(
        "HubRestartIT: all "
            + acknowledged.size()
            + " bookings answered 201 readable "
            + seconds(Duration.ofNanos(System.nanoTime() - stopped))
            + " after the load stopped");
    assertThat(platform.hub().get("/v1/integrity").body()).contains("\"valid\":true");
  }

  private static Answer answer(int client, long sent, ApiClient.Answer response) {
    String bookingId = response.status() == 201 ? response.tree().get("bookingId").asText() : null;
    return new Answer(
        client,
        sent,
        System.nanoTime(),
        response.status(),
        bookingId,
        response.body(),
        response.headers().containsKey("Retry-After"));
  }

  private static long booked(ConcurrentLinkedQueue<Answer> answers) {
    return answers.stream().filter(a -> a.status() == 201).count();
  }

  /** The first 201 answered after the restart to a request sent after the kill. */
  private static Optional<Answer> firstBookingAfter(
      ConcurrentLinkedQueue<Answer> answers, long killed, long restarted) {
    return answers.stream()
        .filter(a -> a.status() == 201 && a.sent() > killed && a.answered() > restarted)
        .min((a, b) -> Long.compare(a.answered(), b.answered()));
  }

  private static String loadAverage() {
    try {
      return String.join(
          " ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
