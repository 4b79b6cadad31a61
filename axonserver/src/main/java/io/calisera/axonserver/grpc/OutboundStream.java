package io.calisera.axonserver.grpc;

import com.google.protobuf.MessageLite;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * The server's side of a stream to a client, sending in order, only while the client has granted
 * permits for the messages that need them and only as fast as its transport takes them (gRPC's
 * {@code isReady}, then {@code onReady}). Messages that cannot go yet wait in a queue, bounded in
 * bytes: a client that leaves more than that unread is not keeping up, and its stream is ended with
 * AXONIQ-1900 ({@code RESOURCE_EXHAUSTED}), after which the owner forgets it as if the client had
 * left. Safe to call from any thread: gRPC observers are not.
 *
 * @param <T> the message type
 */
public final class OutboundStream<T extends MessageLite> {

  private final StreamObserver<T> observer;
  private final ServerCallStreamObserver<T> call; // null: no transport to ask
  private final Predicate<T> usesPermit;
  private final long maxQueuedBytes;
  private final Runnable whenOverflowed;
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private long queuedBytes;
  private long permits;
  private boolean completing;
  private boolean closed;

  private OutboundStream(
      StreamObserver<T> observer,
      Predicate<T> usesPermit,
      long maxQueuedBytes,
      Runnable whenOverflowed) {
    this.observer = observer;
    this.usesPermit = usesPermit;
    this.maxQueuedBytes = maxQueuedBytes;
    this.whenOverflowed = whenOverflowed;
    if (observer instanceof ServerCallStreamObserver<T> serverCall) {
      // gRPC takes the handler only while the call's method runs: streams are made there
      this.call = serverCall;
      serverCall.setOnReadyHandler(this::ready);
    } else {
      this.call = null;
    }
  }

  /**
   * A stream on which every message uses one of the permits the client grants.
   *
   * @param maxQueuedBytes the most bytes waiting to be sent; more ends the stream
   * @param whenOverflowed run after the stream was ended for that, to forget it
   */
  public static <T extends MessageLite> OutboundStream<T> withPermits(
      StreamObserver<T> observer, long maxQueuedBytes, Runnable whenOverflowed) {
    return new OutboundStream<>(observer, message -> true, maxQueuedBytes, whenOverflowed);
  }

  /** A stream on which only the messages that {@code usesPermit} selects use permits. */
  public static <T extends MessageLite> OutboundStream<T> withPermits(
      StreamObserver<T> observer,
      Predicate<T> usesPermit,
      long maxQueuedBytes,
      Runnable whenOverflowed) {
    return new OutboundStream<>(observer, usesPermit, maxQueuedBytes, whenOverflowed);
  }

  /** A stream with the transport's flow control only. */
  public static <T extends MessageLite> OutboundStream<T> withoutPermits(
      StreamObserver<T> observer, long maxQueuedBytes, Runnable whenOverflowed) {
    return new OutboundStream<>(observer, message -> false, maxQueuedBytes, whenOverflowed);
  }

  /**
   * Sends {@code message}, or queues it; a client that leaves more than the limit unread loses the
   * stream.
   */
  public void send(T message) {
    if (!offer(message)) {
      fail(
          ErrorCode.TOO_MANY_REQUESTS.asException(
              "The client left more than "
                  + maxQueuedBytes
                  + " bytes unread (or without permits); the hub ends the stream"));
      whenOverflowed.run(); // outside the lock: it may send on other streams
    }
  }

  /**
   * Sends {@code message}, or queues it unless that would pass the limit: then it returns false,
   * sends nothing and leaves the stream as it is, so that whoever asked for the message can be
   * refused instead of the slow client. On a stream that is ending the message is dropped (its
   * owner answers for what was in flight).
   */
  public synchronized boolean offer(T message) {
    if (closed || completing) {
      return true;
    }
    int size = message.getSerializedSize();
    if (!queue.isEmpty() && queuedBytes + size > maxQueuedBytes) {
      return false;
    }
    queue.add(message);
    queuedBytes += size;
    drain();
    return true;
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
    abandon();
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
    queuedBytes = 0;
  }

  public synchronized int queued() {
    return queue.size();
  }

  public synchronized boolean isOpen() {
    return !closed;
  }

  private synchronized void ready() {
    drain();
  }

  private void drain() {
    while (!queue.isEmpty() && (call == null || call.isReady())) {
      T next = queue.peek();
      boolean counted = usesPermit.test(next);
      if (counted && permits <= 0) {
        return;
      }
      queue.poll();
      queuedBytes -= next.getSerializedSize();
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
    if (completing && !closed && queue.isEmpty()) {
      closed = true;
      try {
        observer.onCompleted();
      } catch (RuntimeException alreadyClosed) {
        // the client cancelled first
      }
    }
  }
}
