package io.calisera.axonserver.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.GetFirstTokenRequest;
import io.axoniq.axonserver.grpc.event.TrackingToken;
import io.calisera.axonserver.access.Applications;
import io.calisera.axonserver.support.HubClient;
import io.grpc.ManagedChannel;
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

/** Which thread runs a call: non-blocking methods stay on the transport thread from the start. */
class GrpcServerTest {

  private static final String TOKEN = "grpc-server-test-token";

  /** Where each step of a call ran, by step name. */
  private final Map<String, String> threads = new ConcurrentHashMap<>();

  private final ExecutorService blockingCalls =
      Executors.newCachedThreadPool(runnable -> new Thread(runnable, "blocking-call"));
  private GrpcServer server;
  private ManagedChannel channel;

  @TempDir Path folder;

  @BeforeEach
  void start() throws IOException {
    Path file = folder.resolve("applications");
    Files.writeString(
        file, "reader " + Applications.sha256Hex(TOKEN) + " append-events,read-events\n");
    server =
        new GrpcServer(
            "127.0.0.1",
            0,
            null,
            new GrpcServer.Transport(1024 * 1024, 1024 * 1024, 100),
            new HubCallInterceptor(Applications.read(file)),
            OpenCallLimits.none(),
            List.of(new RecordingEventStore()),
            () -> {},
            Set.of(EventStoreGrpc.getAppendEventMethod().getFullMethodName()),
            blockingCalls);
    server.start();
    channel = NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.stop();
    blockingCalls.shutdownNow();
  }

  @Test
  void aNonBlockingCallRunsOnTheTransportThreadFromItsStart() {
    Confirmation confirmation =
        HubClient.await(
            HubClient.on(channel, TOKEN)
                .append(List.of(Event.newBuilder().setMessageIdentifier("e-1").build())));

    assertThat(confirmation.getSuccess()).isTrue();
    // gRPC's default executor would have started the call (and woken a thread) before handing
    // its messages to the transport thread
    assertThat(threads.get("append started")).startsWith("grpc-default-worker");
    assertThat(threads.get("append event")).startsWith("grpc-default-worker");
  }

  @Test
  void anyOtherCallRunsOnTheBlockingCallsExecutor() {
    var token =
        HubClient.on(channel, TOKEN)
            .events()
            .getFirstToken(GetFirstTokenRequest.getDefaultInstance());

    assertThat(token.getToken()).isEqualTo(7);
    assertThat(threads.get("first token")).isEqualTo("blocking-call");
  }

  private final class RecordingEventStore extends EventStoreGrpc.EventStoreImplBase {

    @Override
    public StreamObserver<Event> appendEvent(StreamObserver<Confirmation> responses) {
      threads.put("append started", Thread.currentThread().getName());
      return new StreamObserver<>() {
        @Override
        public void onNext(Event event) {
          threads.put("append event", Thread.currentThread().getName());
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          responses.onNext(Confirmation.newBuilder().setSuccess(true).build());
          responses.onCompleted();
        }
      };
    }

    @Override
    public void getFirstToken(
        GetFirstTokenRequest request, StreamObserver<TrackingToken> responses) {
      threads.put("first token", Thread.currentThread().getName());
      responses.onNext(TrackingToken.newBuilder().setToken(7).build());
      responses.onCompleted();
    }
  }
}
