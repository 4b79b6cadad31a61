package io.calisera.axonserver;

import static io.calisera.axonserver.support.HubClient.assertRefused;
import static io.calisera.axonserver.support.HubClient.collectingInto;
import static io.calisera.axonserver.support.HubClient.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.calisera.axonserver.support.HubClient;
import io.calisera.axonserver.support.RawCommandHandler;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application may keep only so many event reads and handler streams open at the hub (each holds
 * memory while its client is slow): one more is refused with AXONIQ-1900 ({@code
 * RESOURCE_EXHAUSTED}) naming the setting, over any of its connections, while the calls already
 * open go on, other applications are not affected, and a call that ends makes room again.
 */
class OpenCallLimitsIT {

  private static final int MAX_OPEN_READS = 3;
  private static final int MAX_HANDLER_STREAMS = 2;

  @TempDir static Path home;
  static HubProcess hub;

  private final List<HubClient> clients = new ArrayList<>();

  @BeforeAll
  static void startHub() {
    hub =
        HubProcess.start(
            home,
            Map.of(),
            "--calisera.hub.max-open-reads=" + MAX_OPEN_READS,
            "--calisera.hub.max-handler-streams=" + MAX_HANDLER_STREAMS);
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.stop();
    }
  }

  @AfterEach
  void closeClients() {
    clients.forEach(HubClient::close);
  }

  @Test
  void oneEventReadMoreThanTheLimitIsRefusedWithAxoniq1900AndAnEndedOneMakesRoom() {
    // two connections of the same application: the limit is the application's
    HubClient first = client(HubApplications.TESTER);
    HubClient second = client(HubApplications.TESTER);
    String before = uniqueId("before");
    first.appendAndWait(HubClient.domainEvent(before, 0));
    long head = first.lastToken();
    List<Stream> open = new ArrayList<>();
    open.add(listEvents(first, head));
    open.add(listEvents(first, head));
    open.add(listEvents(second, head));
    // each read receives the newest event: the hub admitted it
    open.forEach(stream -> stream.assertReceivesEventOf(before));

    StatusRuntimeException refused = listEvents(second, head).refusal();
    assertThat(
            assertRefused(refused, Status.Code.RESOURCE_EXHAUSTED, "AXONIQ-1900")
                .getStatus()
                .getDescription())
        .contains("Application 'tester' has 3 event reads open")
        .contains("calisera.hub.max-open-reads");
    Throwable aggregateRead =
        catchThrowable(
            () ->
                second
                    .events()
                    .listAggregateEvents(
                        GetAggregateEventsRequest.newBuilder().setAggregateId(before).build())
                    .hasNext());
    assertRefused(aggregateRead, Status.Code.RESOURCE_EXHAUSTED, "AXONIQ-1900");
    // another application reads as before
    listEvents(client("query-side"), head).assertReceivesEventOf(before);

    // the open reads go on
    String after = uniqueId("after-the-refusal");
    first.appendAndWait(HubClient.domainEvent(after, 0));
    open.forEach(stream -> stream.assertReceivesEventOf(after));

    open.get(0).cancel();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> listEvents(second, head).assertReceivesEventOf(before));
  }

  @Test
  void oneHandlerStreamMoreThanTheLimitIsRefusedWithAxoniq1900AndAClosedOneMakesRoom() {
    RawCommandHandler commands = RawCommandHandler.subscribe(client(HubApplications.TESTER), "A");
    var queryStreamMessages = new LinkedBlockingQueue<Object>();
    var queries =
        (ClientCallStreamObserver<QueryProviderOutbound>)
            client(HubApplications.TESTER)
                .queriesAsync()
                .openStream(collectingInto(queryStreamMessages));
    queries.onNext(
        QueryProviderOutbound.newBuilder()
            .setFlowControl(FlowControl.newBuilder().setClientId("q").setPermits(10))
            .build());
    queries.onNext(
        QueryProviderOutbound.newBuilder()
            .setInstructionId("subscribe-q")
            .setSubscribe(
                QuerySubscription.newBuilder()
                    .setMessageId("subscribe-q")
                    .setQuery("limits")
                    .setResultName("java.lang.String")
                    .setClientId("q")
                    .setComponentName("limits"))
            .build());
    // acknowledged: the hub admitted the stream
    assertThat(((QueryProviderInbound) HubClient.next(queryStreamMessages)).getAck().getSuccess())
        .isTrue();

    var thirdMessages = new LinkedBlockingQueue<Object>();
    var third =
        (ClientCallStreamObserver<CommandProviderOutbound>)
            client(HubApplications.TESTER)
                .commandsAsync()
                .openStream(collectingInto(thirdMessages));
    third.onNext(
        CommandProviderOutbound.newBuilder()
            .setFlowControl(FlowControl.newBuilder().setClientId("third").setPermits(10))
            .build());
    StatusRuntimeException refused = refusalIn(thirdMessages);
    assertThat(
            assertRefused(refused, Status.Code.RESOURCE_EXHAUSTED, "AXONIQ-1900")
                .getStatus()
                .getDescription())
        .contains("Application 'tester' has 2 handler streams open")
        .contains("calisera.hub.max-handler-streams");
    assertThat(queryStreamMessages).as("the open query stream goes on").isEmpty();

    commands.close();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              try (var again = RawCommandHandler.subscribe(client(HubApplications.TESTER), "B")) {
                assertThat(again).isNotNull();
              }
            });
    queries.cancel("test over", null);
  }

  private HubClient client(String application) {
    HubClient client = HubClient.connectAs(hub, application);
    clients.add(client);
    return client;
  }

  /** A {@code ListEvents} stream from token {@code from} on, with permits to spare. */
  private static Stream listEvents(HubClient client, long from) {
    var received = new LinkedBlockingQueue<Object>();
    var call =
        (ClientCallStreamObserver<GetEventsRequest>)
            client.eventsAsync().listEvents(collectingInto(received));
    call.onNext(
        GetEventsRequest.newBuilder()
            .setTrackingToken(from)
            .setNumberOfPermits(100)
            .setClientId(uniqueId("reader"))
            .setComponentName("limits")
            .build());
    return new Stream(call, received);
  }

  private record Stream(
      ClientCallStreamObserver<GetEventsRequest> call, BlockingQueue<Object> received) {

    void assertReceivesEventOf(String aggregate) {
      var event = (EventWithToken) HubClient.next(received);
      assertThat(event.getEvent().getAggregateIdentifier()).isEqualTo(aggregate);
    }

    StatusRuntimeException refusal() {
      return refusalIn(received);
    }

    void cancel() {
      call.cancel("done", null);
    }
  }

  private static StatusRuntimeException refusalIn(BlockingQueue<Object> received) {
    try {
      Object first = received.poll(HubClient.CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(first).as("the call's end").isInstanceOf(StatusRuntimeException.class);
      return (StatusRuntimeException) first;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
