package io.calisera.bff.slots;

import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ProblemCode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The open live slots streams (docs/api.md, "Live slots"). Each stream is one subscription query
 * ({@link FindAvailableSlotsQuery}, whose updates the query side's {@code SlotUpdates} pushes for
 * exactly the subscriptions a change touches) written to an {@link SseEmitter}: its first answer,
 * then every update that differs from the list sent before, and a comment every {@code keep-alive}.
 * No thread waits per stream: the connector's callbacks feed a {@link Flux}, and a few shared
 * {@code live-slots} threads write the events, so that a slow client never holds up the hub's
 * connection.
 *
 * <p>A stream ends, and its subscription with it at the bff, the hub and the query side, when the
 * client leaves (the servlet container tells of that when a write fails, so at the latest at the
 * next keep-alive), when the platform ends the subscription (the hub went away: the client
 * reconnects after the events' {@code retry}), and when the bff stops. At most {@code max-streams}
 * are open at once; one more is 503.
 */
@Component
class LiveSlots implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(LiveSlots.class);

  /** The events' {@code retry}: how long a client waits before it reconnects to an ended stream. */
  static final Duration RECONNECT = ApiProblem.UNAVAILABLE_RETRY_AFTER;

  private final QuerySender queries;
  private final LiveSlotsSettings settings;
  private final AtomicInteger reserved = new AtomicInteger();
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  // made on every start: a disposed scheduler takes no more work, and a context may be stopped and
  // started again (Spring's tests pause the contexts they cache)
  private volatile Scheduler writers;
  private volatile boolean running;

  LiveSlots(QuerySender queries, LiveSlotsSettings settings, ObjectProvider<MeterRegistry> meters) {
    this.queries = queries;
    this.settings = settings;
    MeterRegistry registry = meters.getIfAvailable();
    if (registry != null) {
      Gauge.builder("calisera.live.slots.streams", streams, Set::size)
          .description("Live slots streams open at this bff")
          .register(registry);
    }
  }

  /** How many streams are open now. */
  int open() {
    return streams.size();
  }

  /**
   * Opens a stream of {@code query}'s slots, each list written as {@code body} makes it. Fails with
   * the slot query's problems (an unknown provider or service is 404) before anything is streamed,
   * and with 503 when {@code max-streams} are open.
   */
  SseEmitter open(FindAvailableSlotsQuery query, Function<AvailableSlots, ?> body) {
    Scheduler writers = this.writers;
    if (!running || reserved.incrementAndGet() > settings.maxStreams()) {
      if (running) {
        reserved.decrementAndGet();
      }
      LOG.warn("Refused a live slots stream: {} are open", streams.size());
      throw new ApiProblem(
          ProblemCode.SERVICE_UNAVAILABLE,
          "This server has as many live slot streams open as it may; try again later");
    }
    QuerySender.Subscription<AvailableSlots> subscription;
    try {
      subscription = queries.subscribe(query, AvailableSlots.class);
    } catch (RuntimeException e) {
      reserved.decrementAndGet();
      throw e;
    }
    // no timeout: the stream lasts as long as the client and the platform stay
    SseEmitter emitter = new SseEmitter(0L);
    Stream stream = new Stream(emitter, subscription);
    streams.add(stream);
    emitter.onCompletion(stream::close);
    emitter.onTimeout(stream::close);
    emitter.onError(failure -> stream.close());
    Duration keepAlive = settings.keepAlive();
    // the keep-alives end with the lists, so that the stream ends when the subscription does
    Sinks.Empty<Void> listsEnded = Sinks.empty();
    Flux<SseEmitter.SseEventBuilder> lists =
        Flux.concat(Mono.just(subscription.first()), subscription.updates())
            .distinctUntilChanged()
            .map(
                slots ->
                    SseEmitter.event()
                        .name("slots")
                        .reconnectTime(RECONNECT.toMillis())
                        .data(body.apply(slots), MediaType.APPLICATION_JSON))
            .doFinally(signal -> listsEnded.tryEmitEmpty());
    Flux<SseEmitter.SseEventBuilder> keepAlives =
        Flux.interval(keepAlive, keepAlive, writers)
            .map(tick -> SseEmitter.event().comment("keep-alive"))
            .takeUntilOther(listsEnded.asMono());
    stream.events =
        lists
            .mergeWith(keepAlives)
            .publishOn(writers)
            .subscribe(
                stream::send,
                failure -> {
                  LOG.debug("A live slots subscription failed; ending its stream: {}", failure);
                  stream.end();
                },
                stream::end);
    if (stream.closed.get()) {
      stream.events.dispose(); // closed before the events were subscribed to
    }
    return emitter;
  }

  private final class Stream {
    private final SseEmitter emitter;
    private final QuerySender.Subscription<AvailableSlots> subscription;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Disposable events;

    Stream(SseEmitter emitter, QuerySender.Subscription<AvailableSlots> subscription) {
      this.emitter = emitter;
      this.subscription = subscription;
    }

    void send(SseEmitter.SseEventBuilder event) {
      try {
        emitter.send(event);
      } catch (IOException | IllegalStateException gone) {
        // the client left (the container then ends the request and tells onError), or the
        // stream completed meanwhile
        close();
      }
    }

    /** The platform ended the subscription, or the bff stops: the client reconnects. */
    void end() {
      close();
      emitter.complete();
    }

    /** Cancels the subscription and frees the stream's place; once. */
    void close() {
      if (closed.compareAndSet(false, true)) {
        streams.remove(this);
        reserved.decrementAndGet();
        Disposable subscribed = events;
        try {
          if (subscribed != null) {
            subscribed.dispose();
          }
          subscription.cancel();
        } catch (RuntimeException ended) {
          // Axon's local bus refuses to cancel a subscription that ended already
          LOG.debug("The live slots subscription had ended: {}", ended.toString());
        }
      }
    }
  }

  @Override
  public void start() {
    writers =
        Schedulers.newBoundedElastic(
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
            Integer.MAX_VALUE,
            "live-slots",
            60,
            true);
    running = true;
  }

  /** Ends every stream before the web server waits for open requests to finish. */
  @Override
  public void stop() {
    running = false;
    streams.forEach(Stream::end);
    if (writers != null) {
      writers.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
