package io.calisera.benchmarks.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.calisera.benchmarks.platform.Api.Provider;
import io.calisera.benchmarks.platform.LoadSettings.Row;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One row: new providers, the row's clients started together, a warm-up, the measured window (CPU
 * sampled at both ends), then the checks through the owners' agendas: every booking answered 201 is
 * there, and no two live bookings of a provider overlap.
 */
final class RowRun {

  private static final Duration SLOT = Duration.ofMinutes(15);
  private static final int MOST_IN_FLIGHT = 2_000;

  private final Api api;
  private final Processes processes;
  private final LoadSettings settings;
  private final Row row;
  private final List<Provider> providers = new ArrayList<>();
  private final LocalDate firstDate;
  private final Instant firstSlot;
  private final AtomicLong nextSlot = new AtomicLong();
  private final AtomicInteger nextGuest = new AtomicInteger();
  private final AtomicLongArray accepted;
  private final Meter bookings = new Meter();
  private final Map<String, Meter> reads = new LinkedHashMap<>();
  private final LongAdder offeredBack = new LongAdder();
  private final LongAdder tooManyInFlight = new LongAdder();
  private final AtomicBoolean running = new AtomicBoolean(true);

  RowRun(Api api, Processes processes, LoadSettings settings, Row row, Clock clock, int number) {
    this.api = api;
    this.processes = processes;
    this.settings = settings;
    this.row = row;
    this.firstDate = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(2);
    this.firstSlot = firstDate.atStartOfDay(ZoneOffset.UTC).toInstant();
    String owner = api.devLogin("owner" + number + "@load.example", "Owner " + number, "CUSTOMER");
    int count = row.hot() ? 1 : settings.providers();
    for (int i = 0; i < count; i++) {
      providers.add(api.openAroundTheClock(owner, "Load " + number + "." + i));
    }
    this.accepted = new AtomicLongArray(count);
    for (String kind : List.of("slots 7 days", "slots 62 days", "provider page")) {
      reads.put(kind, new Meter());
    }
  }

  Result run() throws InterruptedException {
    return row.hot() ? race() : load();
  }

  // ---- the closed and open loops

  private Result load() throws InterruptedException {
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < row.guests(); i++) {
      clients.add(client("guest-" + i, () -> book(nextSlot.getAndIncrement(), null)));
    }
    for (int i = 0; i < row.customers(); i++) {
      String token =
          api.devLogin("customer" + i + "." + row.name() + "@load.example", "Customer " + i);
      clients.add(client("customer-" + i, () -> book(nextSlot.getAndIncrement(), token)));
    }
    for (int i = 0; i < row.checkers(); i++) {
      clients.add(client("checker-" + i, this::bookAndLookAgain));
    }
    for (int i = 0; i < row.readers(); i++) {
      int first = i;
      AtomicInteger turn = new AtomicInteger(first);
      clients.add(client("reader-" + i, () -> read(turn.getAndIncrement())));
    }
    if (row.arrivalsPerSecond() > 0) {
      clients.add(new Thread(this::arrive, "arrivals"));
    }
    clients.forEach(Thread::start);
    Thread.sleep(settings.warmup().toMillis());
    bookings.open();
    reads.values().forEach(Meter::open);
    Map<String, Long> cpuBefore = processes.cpuTicks();
    Map<String, Long> jitBefore = processes.jitTicks();
    long started = System.nanoTime();
    Thread.sleep(settings.duration().toMillis());
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Long> cpuAfter = processes.cpuTicks();
    Map<String, Long> jitAfter = processes.jitTicks();
    Meter.Figures booked = bookings.close(seconds);
    Map<String, Meter.Figures> read = new LinkedHashMap<>();
    reads.forEach((kind, meter) -> read.put(kind, meter.close(seconds)));
    running.set(false);
    for (Thread client : clients) {
      client.join(60_000);
    }
    return result(booked, read, cpuBefore, cpuAfter, jitBefore, jitAfter, seconds, check());
  }

  private Thread client(String name, Runnable step) {
    return new Thread(
        () -> {
          while (running.get()) {
            step.run();
          }
        },
        name);
  }

  /**
   * The slots of a row are numbered: slot {@code n} is the {@code n / providers}-th quarter hour
   * from the first one, of provider {@code n % providers}, so no two clients ask for the same.
   */
  private int provider(long slot) {
    return (int) (slot % providers.size());
  }

  private Instant start(long slot) {
    return firstSlot.plus(SLOT.multipliedBy(slot / providers.size()));
  }

  /** Books slot number {@code slot}; returns its start when the answer was 201. */
  private Instant book(long slot, String token) {
    int provider = provider(slot);
    Instant start = start(slot);
    HttpRequest request =
        api.booking(providers.get(provider), start, token, nextGuest.incrementAndGet());
    long sent = System.nanoTime();
    try {
      int status = api.send(request).statusCode();
      bookings.answered(status, sent);
      if (status == 201) {
        accepted.incrementAndGet(provider);
        return start;
      }
    } catch (RuntimeException e) {
      bookings.failed();
    }
    return null;
  }

  private void bookAndLookAgain() {
    long slot = nextSlot.getAndIncrement();
    Instant start = book(slot, null);
    if (start == null) {
      return;
    }
    Provider provider = providers.get(provider(slot));
    LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC);
    try {
      HttpResponse<String> answer = api.send(api.slots(provider, day, 1));
      for (JsonNode offered : Api.JSON.readTree(answer.body()).get("slots")) {
        if (Instant.parse(offered.get("start").asText()).equals(start)) {
          offeredBack.increment();
        }
      }
    } catch (Exception e) {
      // counted as a failed booking-side request elsewhere; nothing to check
    }
  }

  private void read(int turn) {
    Provider provider = providers.get(ThreadLocalRandom.current().nextInt(providers.size()));
    String kind;
    HttpRequest request;
    switch (turn % 3) {
      case 0 -> {
        kind = "slots 7 days";
        request = api.slots(provider, firstDate, 7);
      }
      case 1 -> {
        kind = "slots 62 days";
        request = api.slots(provider, firstDate, 62);
      }
      default -> {
        kind = "provider page";
        request = api.page(provider);
      }
    }
    Meter meter = reads.get(kind);
    long sent = System.nanoTime();
    try {
      meter.answered(api.send(request).statusCode(), sent);
    } catch (RuntimeException e) {
      meter.failed();
    }
  }

  /** Guest bookings planned at a fixed rate, each sent at its time whatever came back before. */
  private void arrive() {
    long period = 1_000_000_000L / row.arrivalsPerSecond();
    AtomicInteger inFlight = new AtomicInteger();
    long planned = System.nanoTime();
    while (running.get()) {
      planned += period;
      long wait = planned - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      if (inFlight.get() >= MOST_IN_FLIGHT) {
        tooManyInFlight.increment();
        continue;
      }
      long slot = nextSlot.getAndIncrement();
      int provider = provider(slot);
      Instant start = start(slot);
      long plannedAt = planned;
      inFlight.incrementAndGet();
      api.sendAsync(api.booking(providers.get(provider), start, null, nextGuest.incrementAndGet()))
          .whenComplete(
              (answer, failure) -> {
                inFlight.decrementAndGet();
                if (failure != null) {
                  bookings.failed();
                  return;
                }
                bookings.answered(answer.statusCode(), plannedAt);
                if (answer.statusCode() == 201) {
                  accepted.incrementAndGet(provider);
                }
              });
    }
  }

  // ---- the hot slots

  private Result race() throws InterruptedException {
    Provider provider = providers.get(0);
    bookings.open();
    Map<String, Long> cpuBefore = processes.cpuTicks();
    Map<String, Long> jitBefore = processes.jitTicks();
    long started = System.nanoTime();
    long winners = 0;
    List<String> wrong = new ArrayList<>();
    for (int slot = 0; slot < settings.hotSlots(); slot++) {
      Instant start = firstSlot.plus(SLOT.multipliedBy(slot));
      CountDownLatch ready = new CountDownLatch(settings.hotClients());
      CountDownLatch go = new CountDownLatch(1);
      int[] statuses = new int[settings.hotClients()];
      List<Thread> racers = new ArrayList<>();
      for (int i = 0; i < settings.hotClients(); i++) {
        int racer = i;
        HttpRequest request = api.booking(provider, start, null, nextGuest.incrementAndGet());
        Thread thread =
            new Thread(
                () -> {
                  ready.countDown();
                  try {
                    go.await();
                    long sent = System.nanoTime();
                    HttpResponse<String> answer = api.send(request);
                    bookings.answered(answer.statusCode(), sent);
                    statuses[racer] =
                        answer.statusCode() == 409 && !answer.body().contains("\"SLOT_TAKEN\"")
                            ? -409
                            : answer.statusCode();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (RuntimeException e) {
                    bookings.failed();
                  }
                },
                "racer-" + i);
        thread.start();
        racers.add(thread);
      }
      ready.await();
      go.countDown();
      for (Thread racer : racers) {
        racer.join(60_000);
      }
      long won = 0;
      for (int status : statuses) {
        if (status == 201) {
          won++;
        } else if (status != 409) {
          wrong.add(start + ": " + (status == -409 ? "409 without SLOT_TAKEN" : status));
        }
      }
      winners += won;
      accepted.addAndGet(0, won);
      if (won != 1) {
        wrong.add(start + ": " + won + " winners");
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Long> cpuAfter = processes.cpuTicks();
    Map<String, Long> jitAfter = processes.jitTicks();
    Meter.Figures booked = bookings.close(seconds);
    nextSlot.set(settings.hotSlots()); // the slots raced for, for the agenda's range
    Check check = check();
    if (!wrong.isEmpty()) {
      check = check.with(wrong);
    }
    System.out.printf(
        "  hot: %d slots, %d clients each: %d winners%n",
        settings.hotSlots(), settings.hotClients(), winners);
    return result(booked, Map.of(), cpuBefore, cpuAfter, jitBefore, jitAfter, seconds, check);
  }

  // ---- after the row

  /** Through each provider's agenda: every 201 is there, and no two live bookings overlap. */
  private Check check() {
    long answered = 0;
    long found = 0;
    List<String> problems = new ArrayList<>();
    Instant until = firstSlot.plus(SLOT.multipliedBy(nextSlot.get() / providers.size() + 2));
    for (int i = 0; i < providers.size(); i++) {
      List<JsonNode> agenda = api.agenda(providers.get(i), firstSlot, until);
      List<JsonNode> live =
          agenda.stream()
              .filter(
                  booking ->
                      List.of("CONFIRMED", "PENDING").contains(booking.get("status").asText()))
              .sorted(Comparator.comparing(booking -> Instant.parse(booking.get("start").asText())))
              .toList();
      answered += accepted.get(i);
      found += live.size();
      if (live.size() != accepted.get(i)) {
        problems.add(
            "provider "
                + i
                + ": "
                + accepted.get(i)
                + " bookings answered 201, "
                + live.size()
                + " live in the agenda");
      }
      for (int b = 1; b < live.size(); b++) {
        Instant previousEnd = Instant.parse(live.get(b - 1).get("end").asText());
        Instant start = Instant.parse(live.get(b).get("start").asText());
        if (start.isBefore(previousEnd)) {
          problems.add("provider " + i + ": two live bookings overlap at " + start);
        }
      }
    }
    return new Check(answered, found, offeredBack.sum(), tooManyInFlight.sum(), problems);
  }

  private Result result(
      Meter.Figures booked,
      Map<String, Meter.Figures> read,
      Map<String, Long> cpuBefore,
      Map<String, Long> cpuAfter,
      Map<String, Long> jitBefore,
      Map<String, Long> jitAfter,
      double seconds,
      Check check) {
    long accepted201 = booked.count(201);
    Map<String, Double> cpuMillisPerBooking = new LinkedHashMap<>();
    double platformTicks = 0;
    double allTicks = 0;
    for (String name : cpuAfter.keySet()) {
      long ticks = cpuAfter.get(name) - cpuBefore.getOrDefault(name, 0L);
      allTicks += ticks;
      if (!name.equals("load driver")) {
        platformTicks += ticks;
      }
      cpuMillisPerBooking.put(name, perBooking(ticks, accepted201));
    }
    double jitTicks = 0;
    for (String name : jitAfter.keySet()) {
      if (!name.equals("load driver")) {
        jitTicks += Math.max(0, jitAfter.get(name) - jitBefore.getOrDefault(name, 0L));
      }
    }
    return new Result(
        row,
        seconds,
        accepted201 / seconds,
        booked,
        read,
        perBooking(platformTicks, accepted201),
        perBooking(jitTicks, accepted201),
        cpuMillisPerBooking,
        allTicks / Processes.TICKS_PER_SECOND / seconds,
        processes.memoryMib(),
        check);
  }

  private static double perBooking(double ticks, long bookings) {
    return bookings == 0 ? 0 : ticks * 1000 / Processes.TICKS_PER_SECOND / bookings;
  }

  /**
   * @param answered201 bookings answered 201 in the whole row (warm-up included)
   * @param liveInAgendas live bookings the agendas show for them
   * @param offeredBack checkers' own bookings that a slot list offered again right after the 201
   * @param notSent open-loop arrivals not sent because too many were in flight
   * @param problems what is wrong (empty: all good)
   */
  record Check(
      long answered201, long liveInAgendas, long offeredBack, long notSent, List<String> problems) {

    Check with(List<String> more) {
      List<String> all = new ArrayList<>(problems);
      all.addAll(more);
      return new Check(answered201, liveInAgendas, offeredBack, notSent, all);
    }

    boolean passed() {
      return problems.isEmpty() && offeredBack == 0;
    }
  }

  /**
   * @param bookingsPerSecond bookings answered 201 per second of the measured window
   * @param cpuMillisPerBooking CPU per booking of all the platform's processes together
   * @param jitMillisPerBooking the part of it the services' JIT compiler threads used: a JVM
   *     compiles for minutes after its start, longer on a busy machine, and that is not what a
   *     booking costs once the platform is warm
   * @param cpuMillisPerBookingByProcess the same for each process (and the load driver)
   * @param cores CPU cores busy on average over the window, load driver included
   * @param memoryMib memory (PSS) of each process at the end of the row
   */
  record Result(
      Row row,
      double seconds,
      double bookingsPerSecond,
      Meter.Figures bookings,
      Map<String, Meter.Figures> reads,
      double cpuMillisPerBooking,
      double jitMillisPerBooking,
      Map<String, Double> cpuMillisPerBookingByProcess,
      double cores,
      Map<String, Long> memoryMib,
      Check check) {}
}
