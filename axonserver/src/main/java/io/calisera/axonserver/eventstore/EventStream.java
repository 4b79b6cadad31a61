package io.calisera.axonserver.eventstore;

import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.event.PayloadDescription;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tracking processor's {@code ListEvents} stream: sends committed events from the requested
 * token on, in order, one permit each, and stays open at the head for new commits. Work is done by
 * a pump that runs on an executor, never on two threads at once; commits, new permits and a ready
 * transport each schedule it.
 */
final class EventStream {

  private static final Logger log = LoggerFactory.getLogger(EventStream.class);
  private static final int READ_AHEAD = 1000;

  private final EventLog eventLog;
  private final ServerCallStreamObserver<EventWithToken> observer;
  private final Executor executor;
  private final int blacklistRefreshInterval;
  private final AtomicInteger work = new AtomicInteger();
  private final Runnable signal = this::signal;

  // written by the gRPC inbound thread, read by the pump
  private volatile long permits;
  private volatile Set<PayloadDescription> blacklist = Set.of();
  private volatile boolean closed;
  private volatile boolean completing;

  // owned by the pump
  private long nextToken = -1;
  private List<EventWithToken> page = List.of(); // read ahead: the events from nextToken on
  private int pageIndex;
  private int skippedInARow;
  private EventWithToken lastSkipped;

  EventStream(
      EventLog eventLog,
      ServerCallStreamObserver<EventWithToken> observer,
      Executor executor,
      int blacklistRefreshInterval) {
    this.eventLog = eventLog;
    this.observer = observer;
    this.executor = executor;
    this.blacklistRefreshInterval = blacklistRefreshInterval;
    observer.setOnReadyHandler(signal);
    observer.setOnCancelHandler(this::close);
  }

  /** The first request opens the stream; later ones add permits and block-list entries. */
  synchronized void request(GetEventsRequest request) {
    if (nextToken < 0) {
      nextToken = Math.max(0, request.getTrackingToken());
      eventLog.addListener(signal);
    }
    if (request.getBlacklistCount() > 0) {
      var updated = new HashSet<>(blacklist);
      updated.addAll(request.getBlacklistList());
      blacklist = Set.copyOf(updated);
    }
    addPermits(request.getNumberOfPermits());
    signal();
  }

  private synchronized void addPermits(long more) {
    if (more > 0) {
      permits = permits > Long.MAX_VALUE - more ? Long.MAX_VALUE : permits + more;
    }
  }

  /** Ends the stream from the server side (shutdown); the client reconnects from its token. */
  void complete() {
    completing = true;
    signal();
  }

  void close() {
    closed = true;
    eventLog.removeListener(signal);
  }

  private void signal() {
    if (work.getAndIncrement() == 0) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    int missed = 1;
    do {
      try {
        pump();
      } catch (RuntimeException e) {
        log.warn("Event stream failed; the client will reconnect from its last token", e);
        close();
        try {
          observer.onError(
              io.grpc.Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
        } catch (RuntimeException ignored) {
          // already closed
        }
      }
      missed = work.addAndGet(-missed);
    } while (missed != 0);
  }

  private void pump() {
    if (closed) {
      return;
    }
    if (completing) {
      close();
      observer.onCompleted();
      return;
    }
    long from;
    synchronized (this) {
      from = nextToken;
    }
    if (from < 0) {
      return; // not opened yet
    }
    while (!closed && permits > 0 && observer.isReady()) {
      if (pageIndex == page.size() && !readPage()) {
        sendLastSkipped();
        return;
      }
      while (pageIndex < page.size()) {
        if (closed) {
          return;
        }
        EventWithToken event = page.get(pageIndex++);
        nextToken = event.getToken() + 1;
        if (isBlacklisted(event) && skippedInARow < blacklistRefreshInterval) {
          skippedInARow++;
          lastSkipped = event;
        } else {
          send(event);
        }
        if (permits <= 0) {
          return;
        }
      }
      // Read the next page now, while the transport still sends this one: a catching-up client
      // then never waits for the database.
      readPage();
    }
  }

  /** Reads the page from {@code nextToken} on; false when there is nothing new. */
  private boolean readPage() {
    page = eventLog.read(nextToken, (int) Math.min(permits, READ_AHEAD));
    pageIndex = 0;
    return !page.isEmpty();
  }

  /**
   * A client whose every recent event was block-listed would never see its token move; at the head,
   * the last skipped event goes out anyway.
   */
  private void sendLastSkipped() {
    if (lastSkipped != null && lastSkipped.getToken() == nextToken - 1 && permits > 0) {
      send(lastSkipped);
    }
  }

  private void send(EventWithToken event) {
    observer.onNext(event);
    synchronized (this) {
      permits--;
    }
    skippedInARow = 0;
    lastSkipped = null;
  }

  private boolean isBlacklisted(EventWithToken event) {
    Set<PayloadDescription> current = blacklist;
    if (current.isEmpty()) {
      return false;
    }
    var payload = event.getEvent().getPayload();
    return current.contains(
        PayloadDescription.newBuilder()
            .setType(payload.getType())
            .setRevision(payload.getRevision())
            .build());
  }
}
