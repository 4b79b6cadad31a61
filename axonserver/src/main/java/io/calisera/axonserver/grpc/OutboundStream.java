package io.calisera.axonserver.grpc;

import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * The server's side of a stream to a client, sending in order and only while the client has granted
 * permits for the messages that need them. Messages beyond the permits wait in a queue; the
 * client's next grant releases them. Safe to call from any thread: gRPC observers are not.
 *
 * @param <T> the message type
 */
public final class OutboundStream<T> {

  private final StreamObserver<T> observer;
  private final Predicate<T> usesPermit;
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private long permits;
  private boolean completing;
  private boolean closed;

  private OutboundStream(StreamObserver<T> observer, Predicate<T> usesPermit) {
    this.observer = observer;
    this.usesPermit = usesPermit;
  }

  /** A stream on which every message uses one of the permits the client grants. */
  public static <T> OutboundStream<T> withPermits(StreamObserver<T> observer) {
    return new OutboundStream<>(observer, message -> true);
  }

  /** A stream on which only the messages that {@code usesPermit} selects use permits. */
  public static <T> OutboundStream<T> withPermits(
      StreamObserver<T> observer, Predicate<T> usesPermit) {
    return new OutboundStream<>(observer, usesPermit);
  }

  /** A stream with transport-level flow control only. */
  public static <T> OutboundStream<T> unlimited(StreamObserver<T> observer) {
    return new OutboundStream<>(observer, message -> false);
  }

  public synchronized void send(T message) {
    if (closed || completing) {
      return;
    }
    queue.add(message);
    drain();
  }

  public synchronized void grant(long newPermits) {
    if (newPermits <= 0 || closed) {
      return;
    }
    permits = permits > Long.MAX_VALUE - newPermits ? Long.MAX_VALUE : permits + newPermits;
    drain();
  }

  /** Completes the stream once everything queued has been sent. */
  public synchronized void complete() {
    if (closed || completing) {
      return;
    }
    completing = true;
    drain();
  }

  /** Ends the stream with an error at once, dropping what is queued. */
  public synchronized void fail(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    try {
      observer.onError(error);
    } catch (RuntimeException alreadyClosed) {
      // the call ended meanwhile; nothing left to tell
    }
  }

  /** Forgets the stream after the client went away, without sending anything. */
  public synchronized void abandon() {
    closed = true;
    queue.clear();
  }

  public synchronized int queued() {
    return queue.size();
  }

  public synchronized boolean isOpen() {
    return !closed;
  }

  private void drain() {
    while (!queue.isEmpty()) {
      T next = queue.peek();
      boolean counted = usesPermit.test(next);
      if (counted && permits <= 0) {
        return;
      }
      queue.poll();
      if (counted) {
        permits--;
      }
      try {
        observer.onNext(next);
      } catch (RuntimeException cancelled) {
        abandon();
        return;
      }
    }
    if (completing && !closed) {
      closed = true;
      try {
        observer.onCompleted();
      } catch (RuntimeException alreadyClosed) {
        // the client cancelled first
      }
    }
  }
}
