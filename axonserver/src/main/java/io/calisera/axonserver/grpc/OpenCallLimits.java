package io.calisera.axonserver.grpc;

import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the calls that each application keeps open and that hold the hub's memory for as long as
 * the client is slow: event reads (a {@code ListEvents} stream, a {@code ListAggregateEvents} or
 * {@code ListAggregateSnapshots} call not yet taken: a page each) and handler streams (the command
 * and query {@code OpenStream}: {@code stream-buffer-size} each). Counted per application, the
 * memory they hold has a bound in total, as the applications are known. One call too many is
 * refused at once with AXONIQ-1900 ({@code RESOURCE_EXHAUSTED}), which the connector reports with
 * its text and retries later; the calls already open go on. Runs inside {@link HubCallInterceptor},
 * which tells it the caller.
 */
public final class OpenCallLimits implements ServerInterceptor {

  /** What is counted, with the setting that bounds it. */
  public enum Kind {
    EVENT_READS("event reads", "max-open-reads"),
    HANDLER_STREAMS("handler streams", "max-handler-streams");

    private final String what;
    private final String setting;

    Kind(String what, String setting) {
      this.what = what;
      this.setting = setting;
    }
  }

  private static final Map<String, Kind> KINDS =
      Map.of(
          EventStoreGrpc.getListEventsMethod().getFullMethodName(), Kind.EVENT_READS,
          EventStoreGrpc.getListAggregateEventsMethod().getFullMethodName(), Kind.EVENT_READS,
          EventStoreGrpc.getListAggregateSnapshotsMethod().getFullMethodName(), Kind.EVENT_READS,
          CommandServiceGrpc.getOpenStreamMethod().getFullMethodName(), Kind.HANDLER_STREAMS,
          QueryServiceGrpc.getOpenStreamMethod().getFullMethodName(), Kind.HANDLER_STREAMS);

  private static final Logger log = LoggerFactory.getLogger(OpenCallLimits.class);

  private final Map<Kind, Integer> limits;
  private final Map<Key, AtomicInteger> open = new ConcurrentHashMap<>();

  /**
   * @param maxEventReads event reads one application may have open at once
   * @param maxHandlerStreams handler streams one application may have open at once
   */
  public OpenCallLimits(int maxEventReads, int maxHandlerStreams) {
    this.limits = Map.of(Kind.EVENT_READS, maxEventReads, Kind.HANDLER_STREAMS, maxHandlerStreams);
  }

  /** No limits (for tests of other things). */
  public static OpenCallLimits none() {
    return new OpenCallLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /** The calls of {@code kind} open now, of all applications together. */
  public int open(Kind kind) {
    int total = 0;
    for (var entry : open.entrySet()) {
      if (entry.getKey().kind() == kind) {
        total += entry.getValue().get();
      }
    }
    return total;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Kind kind = KINDS.get(call.getMethodDescriptor().getFullMethodName());
    if (kind == null) {
      return next.startCall(call, headers);
    }
    String application = HubCallInterceptor.caller().name();
    int limit = limits.get(kind);
    AtomicInteger count =
        open.computeIfAbsent(new Key(application, kind), k -> new AtomicInteger());
    if (count.incrementAndGet() > limit) {
      count.decrementAndGet();
      StatusRuntimeException refusal =
          ErrorCode.TOO_MANY_REQUESTS.asException(
              "Application '"
                  + application
                  + "' has "
                  + limit
                  + " "
                  + kind.what
                  + " open, the most the hub allows one application (calisera.hub."
                  + kind.setting
                  + "): finish or cancel one, or retry later");
      log.warn(
          "Refused {} from {} (application {}): {}",
          call.getMethodDescriptor().getFullMethodName(),
          call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
          application,
          refusal.getStatus().getDescription());
      call.close(refusal.getStatus(), refusal.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    var released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            count.decrementAndGet();
          }
        };
    ServerCall.Listener<Q> listener;
    try {
      listener =
          next.startCall(
              new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                @Override
                public void close(Status status, Metadata trailers) {
                  release.run();
                  super.close(status, trailers);
                }
              },
              headers);
    } catch (RuntimeException | Error e) {
      release.run();
      throw e;
    }
    // gRPC ends every call with one of these two, also when the client goes away
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onCancel() {
        release.run();
        super.onCancel();
      }

      @Override
      public void onComplete() {
        release.run();
        super.onComplete();
      }
    };
  }

  private record Key(String application, Kind kind) {}
}
