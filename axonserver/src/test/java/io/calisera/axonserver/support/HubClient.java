package io.calisera.axonserver.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.control.PlatformServiceGrpc;
import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.event.GetLastTokenRequest;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrRequest;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A raw gRPC client of the hub, speaking the Axon Server protocol through the generated stubs
 * without the connector, so that tests can send exactly what they mean (including what no connector
 * would send) and see exactly what the hub answers.
 */
public final class HubClient implements AutoCloseable {

  public static final Metadata.Key<String> CONTEXT =
      Metadata.Key.of("AxonIQ-Context", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> ACCESS_TOKEN =
      Metadata.Key.of("AxonIQ-Access-Token", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

  /** How long any single call may take before the test gives up on it: generous, for loaded CI. */
  public static final long CALL_TIMEOUT_SECONDS = 60;

  private final ManagedChannel channel;
  private final ClientInterceptor headers;

  private HubClient(ManagedChannel channel, String context, String accessToken) {
    this.channel = channel;
    var metadata = new Metadata();
    if (context != null) {
      metadata.put(CONTEXT, context);
    }
    if (accessToken != null) {
      metadata.put(ACCESS_TOKEN, accessToken);
    }
    this.headers = MetadataUtils.newAttachHeadersInterceptor(metadata);
  }

  /** A client of the {@code default} context as {@link HubApplications#TESTER} (every right). */
  public static HubClient connect(HubProcess hub) {
    return connect(hub, "default", hub.token(HubApplications.TESTER));
  }

  /** A client of the {@code default} context as application {@code name} of the hub. */
  public static HubClient connectAs(HubProcess hub, String name) {
    return connect(hub, "default", hub.token(name));
  }

  /**
   * @param context the {@code AxonIQ-Context} header, or null for none
   * @param accessToken the {@code AxonIQ-Access-Token} header, or null for none
   */
  public static HubClient connect(HubProcess hub, String context, String accessToken) {
    return new HubClient(hub.channel(), context, accessToken);
  }

  /**
   * A client of the {@code default} context on a channel of the caller's (which closes it).
   *
   * @param accessToken the {@code AxonIQ-Access-Token} header, or null for none
   */
  public static HubClient on(ManagedChannel channel, String accessToken) {
    return new HubClient(channel, "default", accessToken);
  }

  public EventStoreGrpc.EventStoreBlockingStub events() {
    return EventStoreGrpc.newBlockingStub(channel)
        .withInterceptors(headers)
        .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  public EventStoreGrpc.EventStoreStub eventsAsync() {
    return EventStoreGrpc.newStub(channel).withInterceptors(headers);
  }

  public CommandServiceGrpc.CommandServiceBlockingStub commands() {
    return CommandServiceGrpc.newBlockingStub(channel)
        .withInterceptors(headers)
        .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  public CommandServiceGrpc.CommandServiceStub commandsAsync() {
    return CommandServiceGrpc.newStub(channel).withInterceptors(headers);
  }

  public QueryServiceGrpc.QueryServiceBlockingStub queries() {
    return QueryServiceGrpc.newBlockingStub(channel)
        .withInterceptors(headers)
        .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  public QueryServiceGrpc.QueryServiceStub queriesAsync() {
    return QueryServiceGrpc.newStub(channel).withInterceptors(headers);
  }

  public PlatformServiceGrpc.PlatformServiceBlockingStub platform() {
    return PlatformServiceGrpc.newBlockingStub(channel)
        .withInterceptors(headers)
        .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  public PlatformServiceGrpc.PlatformServiceStub platformAsync() {
    return PlatformServiceGrpc.newStub(channel).withInterceptors(headers);
  }

  // ---------------------------------------------------------------- appends

  /** Sends the events as one transaction and half-closes; the future holds the hub's answer. */
  public CompletableFuture<Confirmation> append(List<Event> events) {
    var answer = new CompletableFuture<Confirmation>();
    StreamObserver<Event> transaction = eventsAsync().appendEvent(completing(answer));
    events.forEach(transaction::onNext);
    transaction.onCompleted();
    return answer;
  }

  /** Appends one transaction and waits for its confirmation; a refusal is thrown as it came. */
  public Confirmation appendAndWait(Event... events) {
    return await(append(List.of(events)));
  }

  /** Opens a transaction and leaves it open, for tests that cancel or abandon it. */
  public OpenTransaction openTransaction() {
    var answer = new CompletableFuture<Confirmation>();
    var transaction =
        (ClientCallStreamObserver<Event>) eventsAsync().appendEvent(completing(answer));
    return new OpenTransaction(transaction, answer);
  }

  /** An append call that has not been half-closed yet. */
  public record OpenTransaction(
      ClientCallStreamObserver<Event> stream, CompletableFuture<Confirmation> answer) {

    public void send(Event event) {
      stream.onNext(event);
    }

    public void cancel() {
      stream.cancel("the test cancels the transaction", null);
    }
  }

  // ---------------------------------------------------------------- commands

  /** Dispatches a command; the future holds the hub's reply. */
  public CompletableFuture<CommandResponse> dispatch(Command command) {
    var answer = new CompletableFuture<CommandResponse>();
    commandsAsync().dispatch(command, completing(answer));
    return answer;
  }

  // ---------------------------------------------------------------- reads

  public long lastToken() {
    return events().getLastToken(GetLastTokenRequest.getDefaultInstance()).getToken();
  }

  public long highestSequence(String aggregateId) {
    return events()
        .readHighestSequenceNr(
            ReadHighestSequenceNrRequest.newBuilder().setAggregateId(aggregateId).build())
        .getToSequenceNr();
  }

  /** Reads {@code count} events from token {@code from} on through {@code ListEvents}. */
  public List<EventWithToken> readEvents(long from, int count) {
    var received = new LinkedBlockingQueue<Object>();
    var call =
        (ClientCallStreamObserver<GetEventsRequest>)
            eventsAsync()
                .listEvents(
                    new StreamObserver<>() {
                      @Override
                      public void onNext(EventWithToken event) {
                        received.add(event);
                      }

                      @Override
                      public void onError(Throwable t) {
                        received.add(t);
                      }

                      @Override
                      public void onCompleted() {
                        received.add("completed");
                      }
                    });
    call.onNext(
        GetEventsRequest.newBuilder()
            .setTrackingToken(from)
            .setNumberOfPermits(Math.max(count, 1))
            .setClientId("test-reader")
            .setComponentName("test")
            .build());
    var events = new ArrayList<EventWithToken>(count);
    try {
      while (events.size() < count) {
        Object next = received.poll(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (next instanceof EventWithToken event) {
          events.add(event);
        } else {
          fail(
              "ListEvents from %d ended after %d of %d events with %s",
              from, events.size(), count, next == null ? "a timeout" : next);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      call.cancel("read enough", null);
    }
    return events;
  }

  /** Every stored event, from token 0 to the last token. */
  public List<EventWithToken> readAllEvents() {
    long head = lastToken();
    return readEvents(0, Math.toIntExact(head + 1));
  }

  // ---------------------------------------------------------------- helpers

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A domain event of an {@code Account}, with a fresh message id. */
  public static Event domainEvent(String aggregateId, long sequence) {
    return domainEvent(aggregateId, sequence, 1_700_000_000_000L);
  }

  public static Event domainEvent(String aggregateId, long sequence, long timestamp) {
    return Event.newBuilder()
        .setMessageIdentifier(UUID.randomUUID().toString())
        .setAggregateIdentifier(aggregateId)
        .setAggregateSequenceNumber(sequence)
        .setAggregateType("Account")
        .setTimestamp(timestamp)
        .setPayload(payload("io.calisera.test.MoneyDeposited", aggregateId + "#" + sequence))
        .build();
  }

  /** An event that belongs to no aggregate. */
  public static Event plainEvent(long timestamp) {
    return Event.newBuilder()
        .setMessageIdentifier(UUID.randomUUID().toString())
        .setTimestamp(timestamp)
        .setPayload(payload("io.calisera.test.NoteAdded", "a note"))
        .build();
  }

  public static SerializedObject payload(String type, String data) {
    return SerializedObject.newBuilder()
        .setType(type)
        .setRevision("1")
        .setData(ByteString.copyFrom(data, StandardCharsets.UTF_8))
        .build();
  }

  public static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  /** Waits for a call's answer; a failed call's exception is thrown as it came. */
  public static <T> T await(CompletableFuture<T> answer) {
    try {
      return answer.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("No answer within " + CALL_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Asserts that a call failed with the status and the {@code AxonIQ-ErrorCode} trailer. */
  public static StatusRuntimeException assertRefused(
      Throwable failure, Status.Code status, String errorCode) {
    assertThat(failure).isInstanceOf(StatusRuntimeException.class);
    var refusal = (StatusRuntimeException) failure;
    assertThat(refusal.getStatus().getCode()).as("gRPC status").isEqualTo(status);
    assertThat(refusal.getTrailers()).as("trailers").isNotNull();
    assertThat(refusal.getTrailers().get(ERROR_CODE)).as("AxonIQ-ErrorCode").isEqualTo(errorCode);
    assertThat(refusal.getStatus().getDescription()).startsWith("[" + errorCode + "] ");
    return refusal;
  }

  /** The next message of a stream; its end or error fails the test. */
  public static Object next(BlockingQueue<Object> received) {
    try {
      Object next = received.poll(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(next).as("a message within %d s", CALL_TIMEOUT_SECONDS).isNotNull();
      assertThat(next).as("the stream is still open").isNotInstanceOf(Throwable.class);
      assertThat(next).as("the stream is still open").isNotEqualTo("completed");
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Puts every message of a stream into {@code received}, its error too, then "completed". */
  public static <T> StreamObserver<T> collectingInto(BlockingQueue<Object> received) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T message) {
        received.add(message);
      }

      @Override
      public void onError(Throwable t) {
        received.add(t);
      }

      @Override
      public void onCompleted() {
        received.add("completed");
      }
    };
  }

  /**
   * An observer of a stream the hub must refuse: its error completes {@code failure}; a message or
   * a normal end fails the test.
   */
  public static <T> StreamObserver<T> failingInto(CompletableFuture<Throwable> failure) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        failure.completeExceptionally(
            new AssertionError("a message on a stream that should be refused: " + value));
      }

      @Override
      public void onError(Throwable t) {
        failure.complete(t);
      }

      @Override
      public void onCompleted() {
        failure.completeExceptionally(new AssertionError("a refused stream completed normally"));
      }
    };
  }

  private static <T> StreamObserver<T> completing(CompletableFuture<T> answer) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        answer.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        answer.completeExceptionally(new IllegalStateException("completed without an answer"));
      }
    };
  }
}
