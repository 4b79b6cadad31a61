package io.calisera.axonserver.eventstore;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
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
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Axon Server {@code EventStore} service on PostgreSQL. Appends go through the {@link
 * EventWriter}; reads come from the {@link EventLog} and the tables. {@code QueryEvents} is not
 * implemented (the inherited UNIMPLEMENTED answer).
 *
 * <p>{@code AppendEvent} takes its events as gRPC received them, unparsed ({@link #bindService}):
 * each is counted against the append buffer by its size on the wire before it is parsed into the
 * heap, so that events still arriving take no more memory than the buffer allows, whatever the
 * number of clients sending them at once.
 */
public final class EventStoreService implements EventStoreGrpc.AsyncService, BindableService {

  private static final Logger log = LoggerFactory.getLogger(EventStoreService.class);

  /** Most events of one page of an aggregate read. */
  private static final int AGGREGATE_PAGE = 1000;

  private final EventStore store;
  private final Executor streamExecutor;
  private final int maxEventSize;
  private final long maxTransactionSize;
  private final ByteBudget buffers;
  private final int blacklistRefreshInterval;
  private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

  /**
   * @param maxTransactionSize the most bytes of events in one append
   * @param appendBufferSize the most bytes of events held for appends still arriving, all together
   */
  public EventStoreService(
      EventStore store,
      Executor streamExecutor,
      int maxEventSize,
      long maxTransactionSize,
      long appendBufferSize,
      int blacklistRefreshInterval) {
    this.store = store;
    this.streamExecutor = streamExecutor;
    this.maxEventSize = maxEventSize;
    this.maxTransactionSize = maxTransactionSize;
    this.buffers = new ByteBudget(appendBufferSize);
    this.blacklistRefreshInterval = blacklistRefreshInterval;
  }

  public int openEventStreams() {
    return streams.size();
  }

  /** Bytes of events held for appends whose client is still sending them. */
  public long bufferedAppendBytes() {
    return buffers.used();
  }

  /** Ends every tracking stream; clients reconnect from their own tokens. */
  public void completeStreams() {
    streams.forEach(EventStream::complete);
  }

  // ---------------------------------------------------------------- appends

  /** A message as gRPC received it, left for its handler to parse. */
  private static final MethodDescriptor.Marshaller<InputStream> UNPARSED =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InputStream message) {
          return message;
        }

        @Override
        public InputStream parse(InputStream message) {
          return message;
        }
      };

  /** The service's methods, {@code AppendEvent}'s with its events unparsed. */
  @Override
  public ServerServiceDefinition bindService() {
    MethodDescriptor<Event, Confirmation> append = EventStoreGrpc.getAppendEventMethod();
    var definition = ServerServiceDefinition.builder(EventStoreGrpc.SERVICE_NAME);
    for (ServerMethodDefinition<?, ?> method : EventStoreGrpc.bindService(this).getMethods()) {
      if (!method.getMethodDescriptor().getFullMethodName().equals(append.getFullMethodName())) {
        definition.addMethod(method);
      }
    }
    return definition
        .addMethod(
            append.toBuilder(UNPARSED, append.getResponseMarshaller()).build(),
            ServerCalls.asyncClientStreamingCall(
                call -> new Append((ServerCallStreamObserver<Confirmation>) call)))
        .build();
  }

  /**
   * One {@code AppendEvent} call: its events are held, within the byte limits, until the client
   * finishes, and then queued for the writer. A refusal is answered at once, so that the client
   * stops sending; a cancellation (or the call's deadline) drops the events, or, once they are
   * queued, abandons them unless the writer has taken them already.
   *
   * <p>Runs on gRPC's transport threads (see {@code GrpcServer}'s non-blocking methods), which
   * spares each small transaction the hand-offs to an executor: nothing here may block.
   */
  private final class Append implements StreamObserver<InputStream> {
    private final ServerCallStreamObserver<Confirmation> call;
    private final List<Event> events = new ArrayList<>();
    private final List<byte[]> encoded = new ArrayList<>(); // each event as it arrived
    private long size; // serialized, for max-transaction-size
    private long held; // counted against the append buffer
    private boolean over; // answered or given up: the rest of the call is ignored
    private EventWriter.Transaction queued;

    Append(ServerCallStreamObserver<Confirmation> call) {
      this.call = call;
      call.setOnCancelHandler(this::cancelled);
    }

    /** Runs while gRPC still holds the message's bytes: they are read here or never. */
    @Override
    public void onNext(InputStream message) {
      if (over) {
        return;
      }
      StatusRuntimeException refusal = take(message);
      if (refusal != null) {
        end();
        answer(null, refusal);
      }
    }

    /**
     * Counts the event against the limits by its size as it arrived, then reads it into the heap
     * once: the bytes it arrived as are what is stored, and the parsed event shares them (parsed
     * with aliasing), so that an event held here, queued or written takes its size once. gRPC knows
     * the size of every message it has not decompressed; one whose size it does not know (a
     * compressed one) is read first and counted after.
     */
    private StatusRuntimeException take(InputStream message) {
      byte[] bytes = null;
      long arrived;
      try {
        if (message instanceof KnownLength known) {
          arrived = known.available();
        } else {
          bytes = message.readAllBytes();
          arrived = bytes.length;
        }
      } catch (IOException e) {
        return ErrorCode.VALIDATION_FAILED.asException("Not an event: " + e.getMessage());
      }
      size += arrived;
      if (size > maxTransactionSize) {
        return ErrorCode.TOO_MANY_EVENTS.asException(
            "Transaction larger than " + maxTransactionSize + " bytes");
      }
      long charge = arrived + EventStore.EVENT_OVERHEAD;
      if (!buffers.tryTake(charge)) {
        return ErrorCode.TOO_MANY_REQUESTS.asException(
            "The hub holds "
                + buffers.limit()
                + " bytes of appends still arriving, its limit"
                + " (calisera.hub.append-buffer-size); retry");
      }
      held += charge;
      Event event;
      try {
        if (bytes == null) {
          bytes = new byte[(int) arrived];
          if (message.readNBytes(bytes, 0, bytes.length) != bytes.length) {
            return ErrorCode.VALIDATION_FAILED.asException("Not an event: message cut short");
          }
        }
        // wrapped as immutable bytes: only then does the parser alias them instead of copying
        CodedInputStream input = UnsafeByteOperations.unsafeWrap(bytes).newCodedInput();
        input.enableAliasing(true);
        event = Event.parseFrom(input);
      } catch (IOException e) {
        return ErrorCode.VALIDATION_FAILED.asException("Not an event: " + e.getMessage());
      }
      StatusRuntimeException invalid = validate(event);
      if (invalid == null) {
        events.add(event);
        encoded.add(bytes);
      }
      return invalid;
    }

    @Override
    public void onError(Throwable t) {
      end(); // cancelled or failed before it was finished: nothing of it is stored
    }

    @Override
    public void onCompleted() {
      if (over) {
        return;
      }
      List<Event> transaction = List.copyOf(events);
      List<byte[]> bytes = List.copyOf(encoded);
      long charge = held;
      end();
      queued = store.append(transaction, bytes, charge, Context.current().getDeadline());
      if (call.isCancelled()) {
        store.abandon(queued); // cancelled while it was being queued: the handler saw none
      }
      queued.outcome().whenComplete(this::answer);
    }

    /** The client cancelled, or the call's deadline passed. */
    private void cancelled() {
      if (queued != null) {
        store.abandon(queued);
      } else {
        end();
      }
    }

    private void end() {
      over = true;
      events.clear();
      encoded.clear();
      buffers.give(held);
      held = 0;
    }

    private void answer(Void done, Throwable error) {
      try {
        if (error == null) {
          call.onNext(Confirmation.newBuilder().setSuccess(true).build());
          call.onCompleted();
        } else {
          call.onError(error);
        }
      } catch (RuntimeException gone) {
        log.debug("Client left before its append was answered", gone);
      }
    }
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
    String aggregate = request.getAggregateId();
    long to = request.getMaxSequence() > 0 ? request.getMaxSequence() : Long.MAX_VALUE;
    PagedReply.send(
        (ServerCallStreamObserver<Event>) responseObserver,
        new Supplier<>() {
          private long next = Math.max(0, request.getInitialSequence());
          private boolean snapshotAsked = !request.getAllowSnapshots();
          private boolean more = true;

          @Override
          public List<Event> get() {
            if (!snapshotAsked) {
              snapshotAsked = true;
              List<Event> snapshot = store.snapshots(aggregate, next, to, 1);
              if (!snapshot.isEmpty()) {
                next = snapshot.get(0).getAggregateSequenceNumber() + 1;
                return snapshot;
              }
            }
            if (!more) {
              return List.of();
            }
            EventTable.AggregatePage page =
                store.readAggregate(aggregate, next, to, AGGREGATE_PAGE, EventLog.PAGE_BYTES);
            more = page.more();
            if (!page.events().isEmpty()) {
              next = page.events().get(page.events().size() - 1).getAggregateSequenceNumber() + 1;
            }
            return page.events();
          }
        });
  }

  @Override
  public void listAggregateSnapshots(
      GetAggregateSnapshotsRequest request, StreamObserver<Event> responseObserver) {
    if (request.getAggregateId().isEmpty()) {
      responseObserver.onError(ErrorCode.VALIDATION_FAILED.asException("aggregate_id is required"));
      return;
    }
    int limit = request.getMaxResults() > 0 ? request.getMaxResults() : Integer.MAX_VALUE;
    PagedReply.send(
        (ServerCallStreamObserver<Event>) responseObserver,
        new Supplier<>() {
          private boolean read;

          @Override
          public List<Event> get() {
            if (read) {
              return List.of();
            }
            read = true;
            return store.snapshots(
                request.getAggregateId(),
                Math.max(0, request.getInitialSequence()),
                request.getMaxSequence(),
                limit);
          }
        });
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
