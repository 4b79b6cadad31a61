package io.calisera.axonserver.eventstore;

import io.axoniq.axonserver.grpc.event.Event;
import io.calisera.axonserver.grpc.ErrorCode;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server stream read from the database a page at a time and sent only as fast as the client takes
 * it (gRPC's {@code isReady}, then {@code onReady}): a client that reads slowly, or not at all,
 * makes the hub hold one page, not the whole answer in its transport buffers, and no database
 * connection is held while it waits. gRPC runs the call's method and its {@code onReady} one at a
 * time, so the pump needs no lock.
 */
final class PagedReply {

  private static final Logger log = LoggerFactory.getLogger(PagedReply.class);

  private final ServerCallStreamObserver<Event> call;
  private final Supplier<List<Event>> pages;
  private List<Event> page = List.of();
  private int index;
  private boolean done;

  private PagedReply(ServerCallStreamObserver<Event> call, Supplier<List<Event>> pages) {
    this.call = call;
    this.pages = pages;
  }

  /**
   * Sends every page of {@code pages} (each call gives the next one, an empty one ends the stream),
   * then completes the call. To be called from the call's method: gRPC takes the ready handler only
   * there.
   */
  static void send(ServerCallStreamObserver<Event> call, Supplier<List<Event>> pages) {
    var reply = new PagedReply(call, pages);
    call.setOnReadyHandler(reply::pump);
    call.setOnCancelHandler(() -> reply.done = true);
    reply.pump();
  }

  private void pump() {
    try {
      while (!done && call.isReady()) {
        if (index == page.size()) {
          page = pages.get();
          index = 0;
          if (page.isEmpty()) {
            done = true;
            call.onCompleted();
            return;
          }
        }
        call.onNext(page.get(index++));
      }
    } catch (StorageException e) {
      done = true;
      try {
        call.onError(ErrorCode.OTHER.asException(e.getMessage()));
      } catch (RuntimeException cancelled) {
        log.debug("Client left a failed read", cancelled);
      }
    } catch (StatusRuntimeException cancelled) {
      done = true;
      log.debug("Client left a read", cancelled);
    }
  }
}
