package io.calisera.benchmarks.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What open live slots streams cost (docs/api.md, "Live slots"): opens {@code live.streams}
 * Server-Sent Events streams against the platform's bff, as that many browsers would, and reports
 * the heap (used after a full GC, from {@code jcmd}), the threads and the memory (PSS) of the bff,
 * the query side and the hub before, with and after them, the CPU each process spends while a
 * booking fans out to every stream, and how long after the booking's 201 the streams had it. See
 * benchmarks/README.md ("Live slots").
 *
 * <p>Settings ({@code -Dlive.*}): {@code base} and {@code home} of a running platform (unset: the
 * driver starts one with {@code ./calisera up --detach} in {@code benchmarks/target/live-home} with
 * the environment it has, and stops it at the end), {@code streams} (1000), {@code queries} (how
 * many distinct slot queries the streams spread over, one day each; 1), {@code changes} (bookings
 * that fan out, 10).
 */
public final class LiveSlotsLoad {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final List<String> MEASURED = List.of("bff", "query-side", "axonserver");

  private LiveSlotsLoad() {}

  public static void main(String[] args) throws Exception {
    Path repository = PlatformLoad.repository();
    String base = System.getProperty("live.base", "").trim();
    String homeSetting = System.getProperty("live.home", "").trim();
    Path home =
        homeSetting.isEmpty()
            ? repository.resolve("benchmarks/target/live-home")
            : Path.of(homeSetting).toAbsolutePath();
    int streams = Integer.getInteger("live.streams", 1000);
    int queries = Integer.getInteger("live.queries", 1);
    int changes = Integer.getInteger("live.changes", 10);
    int batch = Integer.getInteger("live.batch", 50);
    boolean startsPlatform = base.isEmpty();
    try {
      String bff = startsPlatform ? PlatformLoad.start(repository, home) : base;
      run(bff, home, streams, queries, changes, batch);
    } finally {
      if (startsPlatform) {
        PlatformLoad.calisera(repository, home, "down");
      }
    }
  }

  private static void run(String bff, Path home, int count, int queries, int changes, int batch)
      throws Exception {
    Api api = new Api(bff);
    Processes processes = Processes.of(home);
    System.out.printf(
        "Platform at %s (data %s); %d streams over %d quer%s, %d changes; %d cores, load %s%n",
        bff,
        home,
        count,
        queries,
        queries == 1 ? "y" : "ies",
        changes,
        Runtime.getRuntime().availableProcessors(),
        PlatformLoad.loadAverage());
    String owner = api.devLogin("live-" + UUID.randomUUID() + "@load.example", "Live Owner");
    Api.Provider provider = api.openAroundTheClock(owner, "Live " + UUID.randomUUID());
    LocalDate first = LocalDate.now(ZoneOffset.UTC).plusDays(2);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    Map<String, Figures> before = measure(processes);
    double hubBefore = hubSubscriptions(home);

    long opening = System.nanoTime();
    List<Stream> open = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LocalDate day = first.plusDays(i % queries);
      open.add(Stream.open(client, streamUri(bff, provider, day), i % queries == 0));
      if (open.size() % batch == 0 || i == count - 1) {
        // visitors arrive a batch at a time: each batch is open before the next one comes
        for (Stream stream : open.subList((open.size() - 1) / batch * batch, open.size())) {
          if (!stream.firstEvent.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(
                "A stream had no first event in 120 s: " + stream.status);
          }
          if (stream.status != 200) {
            throw new IllegalStateException("A stream answered " + stream.status);
          }
        }
      }
    }
    long openedMillis = (System.nanoTime() - opening) / 1_000_000;
    System.out.printf(
        "%d streams open, each with its first event, in %d ms%n", count, openedMillis);
    Map<String, Figures> with = measure(processes);
    double hubWith = hubSubscriptions(home);

    List<Stream> watching = open.stream().filter(stream -> stream.watchesFirstDay).toList();
    Map<String, Long> cpuBefore = processes.cpuTicks();
    long fanOutStarted = System.nanoTime();
    List<Long> lastArrivals = new ArrayList<>();
    List<Long> medianArrivals = new ArrayList<>();
    for (int c = 0; c < changes; c++) {
      CountDownLatch all = new CountDownLatch(watching.size());
      ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
      watching.forEach(stream -> stream.expect(all, arrivals));
      Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(900L * c);
      HttpResponse<String> booked = api.send(api.booking(provider, start, null, c));
      long answered = System.nanoTime();
      if (booked.statusCode() != 201) {
        throw new IllegalStateException("Booking answered " + booked.statusCode() + booked.body());
      }
      if (!all.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            all.getCount() + " streams had no event for change " + c + " within 60 s");
      }
      List<Long> sorted =
          arrivals.stream().map(at -> (at - answered) / 1_000_000).sorted().toList();
      medianArrivals.add(sorted.get(sorted.size() / 2));
      lastArrivals.add(sorted.get(sorted.size() - 1));
    }
    long fanOutMillis = (System.nanoTime() - fanOutStarted) / 1_000_000;
    Map<String, Long> cpuAfter = processes.cpuTicks();

    open.forEach(Stream::close);
    long closed = System.nanoTime();
    double hubAfter = hubBefore;
    if (!Double.isNaN(hubBefore)) {
      while (hubSubscriptions(home) > hubBefore
          && System.nanoTime() - closed < TimeUnit.MINUTES.toNanos(2)) {
        Thread.sleep(200);
      }
      hubAfter = hubSubscriptions(home);
      System.out.printf(
          "Subscriptions at the hub back to %.0f %d ms after the clients left%n",
          hubAfter, (System.nanoTime() - closed) / 1_000_000);
    }
    Map<String, Figures> after = measure(processes);

    System.out.println();
    System.out.printf(
        "%-11s %28s %24s %24s%n", "process", "heap used after GC, MiB", "threads", "PSS MiB");
    System.out.printf(
        "%-11s %28s %24s %24s%n",
        "", "before / with / after", "before / with / after", "b / w / a");
    for (String name : MEASURED) {
      Figures b = before.get(name);
      Figures w = with.get(name);
      Figures a = after.get(name);
      System.out.printf(
          "%-11s %28s %24s %24s%n",
          name,
          String.format("%.1f / %.1f / %.1f", b.heapMib(), w.heapMib(), a.heapMib()),
          b.threads() + " / " + w.threads() + " / " + a.threads(),
          b.pssMib() + " / " + w.pssMib() + " / " + a.pssMib());
    }
    for (String name : List.of("bff", "query-side")) {
      System.out.printf(
          "%s: %.1f KiB heap and %.2f threads per open stream%n",
          name,
          (with.get(name).heapMib() - before.get(name).heapMib()) * 1024 / count,
          (double) (with.get(name).threads() - before.get(name).threads()) / count);
    }
    System.out.printf(
        "Subscription queries at the hub: before %.0f, with %.0f, after %.0f%n",
        hubBefore, hubWith, hubAfter);
    System.out.printf(
        "Fan-out of %d bookings to %d streams each (%d ms): 201 to the median stream %s ms,"
            + " to the last %s ms%n",
        changes, watching.size(), fanOutMillis, medianArrivals, lastArrivals);
    StringBuilder cpu = new StringBuilder();
    for (String name : cpuAfter.keySet()) {
      double millis =
          (cpuAfter.get(name) - cpuBefore.getOrDefault(name, 0L))
              * 1000.0
              / Processes.TICKS_PER_SECOND
              / changes;
      cpu.append(String.format("%s %.0f, ", name, millis));
    }
    System.out.println("CPU ms per change while it fans out: " + cpu);
  }

  private static URI streamUri(String bff, Api.Provider provider, LocalDate day) {
    return URI.create(
        bff.replaceAll("/+$", "")
            + "/api/v1/providers/"
            + provider.providerId()
            + "/services/"
            + provider.serviceId()
            + "/slots/stream?from="
            + day
            + "&to="
            + day);
  }

  private record Figures(double heapMib, long threads, long pssMib) {}

  private static Map<String, Figures> measure(Processes processes) throws Exception {
    Map<String, Figures> figures = new LinkedHashMap<>();
    for (String name : MEASURED) {
      long pid = processes.pid(name);
      jcmd(pid, "GC.run");
      double heap = 0;
      for (String line : jcmd(pid, "GC.heap_info").lines().toList()) {
        String trimmed = line.trim();
        Matcher used = USED.matcher(trimmed);
        if (trimmed.contains("total") && !trimmed.startsWith("Metaspace") && used.find()) {
          heap += Long.parseLong(used.group(1)) / 1024.0;
        }
      }
      figures.put(name, new Figures(heap, Processes.threads(pid), Processes.pssMib(pid)));
    }
    return figures;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid),
                command)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
    }
    return output;
  }

  /** The hub's count of subscription queries, with the operator's token; NaN if unreadable. */
  private static double hubSubscriptions(Path home) {
    try {
      String token = Files.readString(home.resolve("secrets/operator.token")).trim();
      String port = System.getenv().getOrDefault("CALISERA_HUB_HTTP_PORT", "8024");
      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port + "/actuator/prometheus"))
                      .header("AxonIQ-Access-Token", token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return metrics
          .body()
          .lines()
          .filter(line -> line.startsWith("calisera_hub_subscription_queries"))
          .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
          .findFirst()
          .orElse(Double.NaN);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  /** One client's stream: counts its {@code slots} events as they arrive. */
  private static final class Stream implements Flow.Subscriber<String> {
    final CountDownLatch firstEvent = new CountDownLatch(1);
    final boolean watchesFirstDay;
    volatile int status;
    private volatile Flow.Subscription subscription;
    private volatile CountDownLatch expected;
    private volatile ConcurrentLinkedQueue<Long> arrivals;
    private boolean inSlotsEvent;

    private Stream(boolean watchesFirstDay) {
      this.watchesFirstDay = watchesFirstDay;
    }

    static Stream open(HttpClient client, URI uri, boolean watchesFirstDay) {
      Stream stream = new Stream(watchesFirstDay);
      client.sendAsync(
          HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
          info -> {
            stream.status = info.statusCode();
            return HttpResponse.BodySubscribers.fromLineSubscriber(stream);
          });
      return stream;
    }

    void expect(CountDownLatch latch, ConcurrentLinkedQueue<Long> arrivalTimes) {
      this.arrivals = arrivalTimes;
      this.expected = latch;
    }

    void close() {
      Flow.Subscription open = subscription;
      if (open != null) {
        open.cancel();
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (line.startsWith("event:")) {
        inSlotsEvent = line.substring(6).trim().equals("slots");
      } else if (line.isEmpty() && inSlotsEvent) {
        inSlotsEvent = false;
        if (firstEvent.getCount() > 0) {
          firstEvent.countDown();
        } else {
          CountDownLatch latch = expected;
          if (latch != null) {
            arrivals.add(System.nanoTime());
            expected = null;
            latch.countDown();
          }
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      firstEvent.countDown(); // no first event will come
    }

    @Override
    public void onComplete() {
      firstEvent.countDown();
    }
  }
}
