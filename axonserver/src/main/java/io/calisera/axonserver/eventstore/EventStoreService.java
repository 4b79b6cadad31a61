package io.calisera.axonserver.eventstore;

import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.event.GetAggregateSnapshotsRequest;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.event.GetFirstTokenRequest;
import io.axoniq.axonserver.grpc.event.GetLastTokenRequest;
import io.axoniq.axonserver.grpc.event.GetTokenAtRequest;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrRequest;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrResponse;
import io.axoniq.axonserver.grpc.event.TrackingToken;
import io.calisera.axonserver.grpc.ErrorCode;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Axon Server {@code EventStore} service on PostgreSQL. Appends go through the {@link
 * EventWriter}; reads come from the {@link EventLog} and the tables. {@code QueryEvents} is not
 * implemented (the inherited UNIMPLEMENTED answer).
 */
public final class EventStoreService extends EventStoreGrpc.EventStoreImplBase {

  private static final Logger log = LoggerFactory.getLogger(EventStoreService.class);

  private final EventStore store;
  private final Executor streamExecutor;
  private final int maxEventSize;
  private final long maxTransactionSize;
  private final int blacklistRefreshInterval;
  private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

  public EventStoreService(
      EventStore store,
      Executor streamExecutor,
      int maxEventSize,
      long maxTransactionSize,
      int blacklistRefreshInterval) {
    this.store = store;
    this.streamExecutor = streamExecutor;
    this.maxEventSize = maxEventSize;
    this.maxTransactionSize = maxTransactionSize;
    this.blacklistRefreshInterval = blacklistRefreshInterval;
  }

  public int openEventStreams() {
    return streams.size();
  }

  /** Ends every tracking stream; clients reconnect from their own tokens. */
  public void completeStreams() {
    streams.forEach(EventStream::complete);
  }

  // ---------------------------------------------------------------- appends

  /**
   * Runs on gRPC's transport threads (see {@code GrpcServer}'s non-blocking methods), which spares
   * each small transaction the hand-offs to an executor: nothing here may block.
   */
  @Override
  public StreamObserver<Event> appendEvent(StreamObserver<Confirmation> responseObserver) {
    return new StreamObserver<>() {
      private final List<Event> events = new ArrayList<>();
      private long size;
      private StatusRuntimeException invalid;

      @Override
      public void onNext(Event event) {
        if (invalid != null) {
          return;
        }
        invalid = validate(event);
        size += event.getSerializedSize();
        if (invalid == null && size > maxTransactionSize) {
          invalid =
              ErrorCode.TOO_MANY_EVENTS.asException(
                  "Transaction larger than " + maxTransactionSize + " bytes");
        }
        if (invalid == null) {
          events.add(event);
        } else {
          events.clear();
        }
      }

      @Override
      public void onError(Throwable t) {
        events.clear(); // cancelled or failed: nothing of this transaction is stored
      }

      @Override
      public void onCompleted() {
        if (invalid != null) {
          responseObserver.onError(invalid);
          return;
        }
        store
            .append(List.copyOf(events))
            .whenComplete(
                (done, error) -> {
                  try {
                    if (error == null) {
                      responseObserver.onNext(Confirmation.newBuilder().setSuccess(true).build());
                      responseObserver.onCompleted();
                    } else {
                      responseObserver.onError(error);
                    }
                  } catch (RuntimeException gone) {
                    log.debug("Client left before its append was confirmed", gone);
                  }
                });
      }
    };
  }

  @Override
  public void appendSnapshot(Event snapshot, StreamObserver<Confirmation> responseObserver) {
    StatusRuntimeException invalid = validate(snapshot);
    if (invalid == null && snapshot.getAggregateIdentifier().isEmpty()) {
      invalid = ErrorCode.VALIDATION_FAILED.asException("A snapshot needs an aggregate_identifier");
    }
    if (invalid != null) {
      responseObserver.onError(invalid);
      return;
    }
    try {
      store.saveSnapshot(snapshot);
      responseObserver.onNext(Confirmation.newBuilder().setSuccess(true).build());
      responseObserver.onCompleted();
    } catch (StorageException e) {
      log.error("Snapshot not stored", e);
      responseObserver.onError(ErrorCode.TRANSACTION_ROLLED_BACK.asException(e.getMessage()));
    }
  }

  private StatusRuntimeException validate(Event event) {
    if (event.getMessageIdentifier().isEmpty()) {
      return ErrorCode.VALIDATION_FAILED.asException("An event needs a message_identifier");
    }
    if (event.getPayload().getType().isEmpty()) {
      return ErrorCode.VALIDATION_FAILED.asException(
          "Event " + event.getMessageIdentifier() + " has no payload type");
    }
    if (!event.getAggregateType().isEmpty()
        && (event.getAggregateIdentifier().isEmpty() || event.getAggregateSequenceNumber() < 0)) {
      return ErrorCode.VALIDATION_FAILED.asException(
          "Event "
              + event.getMessageIdentifier()
              + " of aggregate type "
              + event.getAggregateType()
              + " needs an aggregate_identifier and a sequence number >= 0");
    }
    if (event.getSerializedSize() > maxEventSize) {
      return ErrorCode.EVENT_PAYLOAD_TOO_LARGE.asException(
          "Event "
              + event.getMessageIdentifier()
              + " has "
              + event.getSerializedSize()
              + " bytes; the limit is "
              + maxEventSize);
    }
    return null;
  }

  // ---------------------------------------------------------------- aggregate reads

  @Override
  public void listAggregateEvents(
      GetAggregateEventsRequest request, StreamObserver<Event> responseObserver) {
    if (request.getAggregateId().isEmpty()) {
      responseObserver.onError(ErrorCode.VALIDATION_FAILED.asException("aggregate_id is required"));
      return;
    }
    long from = Math.max(0, request.getInitialSequence());
    long to = request.getMaxSequence() > 0 ? request.getMaxSequence() : Long.MAX_VALUE;
    try {
      if (request.getAllowSnapshots()) {
        List<Event> snapshot = store.snapshots(request.getAggregateId(), from, to, 1);
        if (!snapshot.isEmpty()) {
          responseObserver.onNext(snapshot.get(0));
          from = snapshot.get(0).getAggregateSequenceNumber() + 1;
        }
      }
      store.readAggregate(request.getAggregateId(), from, to, responseObserver::onNext);
      responseObserver.onCompleted();
    } catch (StorageException e) {
      responseObserver.onError(ErrorCode.OTHER.asException(e.getMessage()));
    } catch (StatusRuntimeException clientGone) {
      log.debug("Client cancelled reading aggregate {}", request.getAggregateId());
    }
  }

  @Override
  public void listAggregateSnapshots(
      GetAggregateSnapshotsRequest request, StreamObserver<Event> responseObserver) {
    if (request.getAggregateId().isEmpty()) {
      responseObserver.onError(ErrorCode.VALIDATION_FAILED.asException("aggregate_id is required"));
      return;
    }
    try {
      int limit = request.getMaxResults() > 0 ? request.getMaxResults() : Integer.MAX_VALUE;
      store
          .snapshots(
              request.getAggregateId(),
              Math.max(0, request.getInitialSequence()),
              request.getMaxSequence(),
              limit)
          .forEach(responseObserver::onNext);
      responseObserver.onCompleted();
    } catch (StorageException e) {
      responseObserver.onError(ErrorCode.OTHER.asException(e.getMessage()));
    }
  }

  @Override
  public void readHighestSequenceNr(
      ReadHighestSequenceNrRequest request,
      StreamObserver<ReadHighestSequenceNrResponse> responseObserver) {
    try {
      long highest = store.highestSequence(request.getAggregateId());
      responseObserver.onNext(
          ReadHighestSequenceNrResponse.newBuilder().setToSequenceNr(highest).build());
      responseObserver.onCompleted();
    } catch (StorageException e) {
      responseObserver.onError(ErrorCode.OTHER.asException(e.getMessage()));
    }
  }

  // ---------------------------------------------------------------- tokens and tracking

  @Override
  public void getFirstToken(
      GetFirstTokenRequest request, StreamObserver<TrackingToken> responseObserver) {
    reply(responseObserver, 0);
  }

  @Override
  public void getLastToken(
      GetLastTokenRequest request, StreamObserver<TrackingToken> responseObserver) {
    reply(responseObserver, store.head());
  }

  @Override
  public void getTokenAt(
      GetTokenAtRequest request, StreamObserver<TrackingToken> responseObserver) {
    try {
      long head = store.head();
      long token = store.firstTokenAtOrAfter(request.getInstant());
      reply(responseObserver, token < 0 ? head + 1 : token);
    } catch (StorageException e) {
      responseObserver.onError(ErrorCode.OTHER.asException(e.getMessage()));
    }
  }

  private static void reply(StreamObserver<TrackingToken> responseObserver, long token) {
    responseObserver.onNext(TrackingToken.newBuilder().setToken(token).build());
    responseObserver.onCompleted();
  }

  @Override
  public StreamObserver<GetEventsRequest> listEvents(
      StreamObserver<EventWithToken> responseObserver) {
    var stream =
        new EventStream(
            store.log(),
            (ServerCallStreamObserver<EventWithToken>) responseObserver,
            streamExecutor,
            blacklistRefreshInterval);
    streams.add(stream);
    return new StreamObserver<>() {
      @Override
      public void onNext(GetEventsRequest request) {
        stream.request(request);
      }

      @Override
      public void onError(Throwable t) {
        stream.close();
        streams.remove(stream);
      }

      @Override
      public void onCompleted() {
        stream.complete();
        streams.remove(stream);
      }
    };
  }
}
