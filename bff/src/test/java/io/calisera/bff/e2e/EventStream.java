package io.calisera.bff.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Server-Sent Events client as a browser's {@code EventSource} is one: a plain HTTP/1.1 GET with
 * {@code Accept: text/event-stream}, its lines read as they come, events parsed from them; closing
 * it drops the connection, as a client that leaves does.
 */
final class EventStream implements AutoCloseable {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** An event: its name, its data, its {@code retry}, and when it arrived ({@code nanoTime}). */
  record Event(String name, String data, String retry, long receivedNanos) {}

  private final CompletableFuture<HttpResponse.ResponseInfo> head = new CompletableFuture<>();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<String> lines = new ArrayList<>();
  private final AtomicInteger comments = new AtomicInteger();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;

  private EventStream() {}

  static EventStream open(String url) {
    EventStream stream = new EventStream();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET().build();
    CLIENT.sendAsync(
        request,
        info -> {
          stream.head.complete(info);
          return HttpResponse.BodySubscribers.fromLineSubscriber(stream.new Lines());
        });
    return stream;
  }

  int status() {
    return head().statusCode();
  }

  Optional<String> header(String name) {
    return head().headers().firstValue(name);
  }

  /** The next event, or an assertion failure after {@code timeout}. */
  Event next(Duration timeout) throws InterruptedException {
    Event event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (event == null) {
      throw new AssertionError("No event within " + timeout + "; lines so far: " + lines());
    }
    return event;
  }

  /** The events that arrived and were not taken yet. */
  List<Event> pending() {
    List<Event> taken = new ArrayList<>();
    events.drainTo(taken);
    return taken;
  }

  int comments() {
    return comments.get();
  }

  /** Whether the server ended the stream. */
  boolean ended() {
    return ended.isDone();
  }

  /** Everything received, line by line (a problem's body, say). */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  String body() {
    awaitEnd();
    return String.join("\n", lines());
  }

  void awaitEnd() {
    ended.orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Leaves: the connection is dropped. */
  @Override
  public void close() {
    Flow.Subscription open = subscription;
    if (open != null) {
      open.cancel();
    }
  }

  private HttpResponse.ResponseInfo head() {
    return head.orTimeout(10, TimeUnit.SECONDS).join();
  }

  private final class Lines implements Flow.Subscriber<String> {
    private String name;
    private String retry;
    private final StringBuilder data = new StringBuilder();

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      EventStream.this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      synchronized (EventStream.this) {
        lines.add(line);
      }
      if (line.isEmpty()) {
        if (!data.isEmpty() || name != null) {
          events.add(new Event(name, data.toString(), retry, System.nanoTime()));
        }
        name = null;
        retry = null;
        data.setLength(0);
      } else if (line.startsWith(":")) {
        comments.incrementAndGet();
      } else if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("retry:")) {
        retry = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
      }
    }

    @Override
    public void onError(Throwable throwable) {
      ended.complete(null);
    }

    @Override
    public void onComplete() {
      ended.complete(null);
    }
  }
}
