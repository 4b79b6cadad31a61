package io.calisera.axonserver.grpc;

import static io.calisera.axonserver.support.HubClient.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.GetFirstTokenRequest;
import io.axoniq.axonserver.grpc.event.GetLastTokenRequest;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrRequest;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrResponse;
import io.axoniq.axonserver.grpc.event.TrackingToken;
import io.calisera.axonserver.access.Applications;
import io.calisera.axonserver.support.HubClient;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who gets through the hub's door: a known token whose application holds the method's right, for
 * the default context; the call then knows its caller. Everyone else gets real Axon Server's
 * refusal, and the method never runs.
 */
class HubCallInterceptorTest {

  private static final String READER = "reader-token";
  private static final String WAITER = "waiter-token";

  /** Method -> the caller the service saw. */
  private final Map<String, String> callers = new ConcurrentHashMap<>();

  private final ExecutorService calls = Executors.newCachedThreadPool();
  @TempDir Path folder;
  private GrpcServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws IOException {
    Path file =
        Files.writeString(
            folder.resolve("applications"),
            String.join(
                "\n",
                "reader " + Applications.sha256Hex(READER) + " read-events",
                "waiter " + Applications.sha256Hex(WAITER) + " read-positions"));
    server =
        new GrpcServer(
            "127.0.0.1",
            0,
            null,
            new GrpcServer.Transport(1024 * 1024, 1024 * 1024, 100),
            new HubCallInterceptor(Applications.read(file)),
            OpenCallLimits.none(),
            List.of(new CallerRecordingEventStore()),
            () -> {},
            Set.of(),
            calls);
    server.start();
    channel = NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.stop();
    calls.shutdownNow();
  }

  @Test
  void anApplicationWithTheRightIsAdmittedAndTheCallKnowsWhoCalls() {
    HubClient.on(channel, READER).events().getLastToken(GetLastTokenRequest.getDefaultInstance());
    HubClient.on(channel, WAITER).events().getFirstToken(GetFirstTokenRequest.getDefaultInstance());

    assertThat(callers).containsEntry("last", "reader").containsEntry("first", "waiter");
  }

  @Test
  void anApplicationWithoutTheRightIsRefusedWithAxoniq1001NamingTheRight() {
    // read-positions covers an aggregate's highest sequence, not its events
    HubClient.on(channel, WAITER)
        .events()
        .readHighestSequenceNr(
            ReadHighestSequenceNrRequest.newBuilder().setAggregateId("a").build());
    Throwable listing =
        catchThrowable(
            () ->
                HubClient.on(channel, WAITER)
                    .events()
                    .listAggregateEvents(
                        io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest.newBuilder()
                            .setAggregateId("a")
                            .build())
                    .hasNext());
    assertThat(
            assertRefused(listing, Status.Code.PERMISSION_DENIED, "AXONIQ-1001")
                .getStatus()
                .getDescription())
        .contains("Application 'waiter' may not")
        .contains("ListAggregateEvents")
        .contains("needs the right read-events");
    assertThat(callers).containsEntry("highest", "waiter").doesNotContainKey("aggregate");
  }

  @Test
  void noTokenIsAxoniq1000AndAnUnknownOneAxoniq1001() {
    assertRefused(
        catchThrowable(
            () ->
                HubClient.on(channel, null)
                    .events()
                    .getLastToken(GetLastTokenRequest.getDefaultInstance())),
        Status.Code.PERMISSION_DENIED,
        "AXONIQ-1000");
    assertRefused(
        catchThrowable(
            () ->
                HubClient.on(channel, READER + "x")
                    .events()
                    .getLastToken(GetLastTokenRequest.getDefaultInstance())),
        Status.Code.PERMISSION_DENIED,
        "AXONIQ-1001");
    assertThat(callers).isEmpty();
  }

  private final class CallerRecordingEventStore extends EventStoreGrpc.EventStoreImplBase {

    @Override
    public void getLastToken(GetLastTokenRequest request, StreamObserver<TrackingToken> answer) {
      record("last", answer, TrackingToken.getDefaultInstance());
    }

    @Override
    public void getFirstToken(GetFirstTokenRequest request, StreamObserver<TrackingToken> answer) {
      record("first", answer, TrackingToken.getDefaultInstance());
    }

    @Override
    public void readHighestSequenceNr(
        ReadHighestSequenceNrRequest request,
        StreamObserver<ReadHighestSequenceNrResponse> answer) {
      record("highest", answer, ReadHighestSequenceNrResponse.getDefaultInstance());
    }

    @Override
    public void listAggregateEvents(
        io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest request,
        StreamObserver<io.axoniq.axonserver.grpc.event.Event> answer) {
      callers.put("aggregate", HubCallInterceptor.caller().name());
      answer.onCompleted();
    }

    private <T> void record(String method, StreamObserver<T> answer, T value) {
      callers.put(method, HubCallInterceptor.caller().name());
      answer.onNext(value);
      answer.onCompleted();
    }
  }
}
