package io.calisera.axonserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.event.PayloadDescription;
import io.calisera.axonserver.support.HubClient;
import io.calisera.axonserver.support.HubStatus;
import io.calisera.axonserver.testapp.Bank.DepositCommand;
import io.calisera.axonserver.testapp.Bank.NoteAddedEvent;
import io.calisera.axonserver.testapp.Bank.OpenAccountCommand;
import io.calisera.axonserver.testapp.Bank.WithdrawCommand;
import io.calisera.axonserver.testapp.Ledger;
import io.calisera.axonserver.testapp.Ledger.Entry;
import io.calisera.axonserver.testapp.TestApplication;
import io.calisera.testing.HubProcess;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ledger's tracking processor against the hub's event stream: every event exactly once, in
 * token order, through a hub restart and with events no ledger handler handles, which the processor
 * block-lists on its stream.
 *
 * <p>This test is the only publisher and publishes one transaction at a time, each confirmed before
 * the next: the n-th event published has token n.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrackingIT {

  /** Longer than the processor's longest retry pause (60 s) after losing the hub. */
  private static final Duration CATCH_UP = Duration.ofSeconds(90);

  private static final String NOTE = "note";

  @TempDir static Path home;
  static HubProcess hub;
  static ConfigurableApplicationContext app;

  /** One published event: the ledger's name for its type (or "note"), and its account. */
  private record Published(String type, String accountId) {}

  /** Everything published so far; the index is the token. */
  private static final List<Published> published = new ArrayList<>();

  @BeforeAll
  static void startHubAndApplication() {
    hub = HubProcess.start(home);
    app = TestApplication.start("tracking", hub);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (hub != null) {
      hub.stop();
    }
  }

  @Test
  @Order(1)
  void theProcessorGetsEveryEventOnceAndInOrderAcrossAHubRestart() {
    String first = open();
    deposit(first, 10);
    note();
    note();
    String second = open();
    withdraw(first, 3);
    note();
    // The tail is all block-listed, committed at once: the hub skips all but the last, and the
    // processor must still reach the head.
    notes(3);
    awaitCaughtUpAndExactlyOnce();
    // a handled event last, so that one delivered again after the restart would be recorded twice
    deposit(second, 7);
    awaitCaughtUpAndExactlyOnce();

    hub.stop();
    hub.start();
    var connection = app.getBean(AxonServerConnectionManager.class).getConnection();
    await()
        .atMost(CATCH_UP)
        .until(() -> HubStatus.client(hub, "tracking").isPresent() && connection.isReady());
    assertThat(head()).as("the restarted hub kept every event").isEqualTo(published.size() - 1);

    deposit(first, 1);
    note();
    // resumed where it was: nothing lost, nothing again; its new stream block-lists notes anew
    awaitCaughtUpAndExactlyOnce();
    String third = open();
    note();
    note();
    deposit(third, 2);
    withdraw(second, 4);
    notes(3);
    awaitCaughtUpAndExactlyOnce();
  }

  @Test
  @Order(2)
  void theHubSkipsBlockListedEventsButSendsTheLastOneAtTheHead() throws Exception {
    int from = published.size();
    String account = open();
    note();
    note();
    deposit(account, 1);
    note();
    note();
    note();
    int last = published.size() - 1;
    var received = new CopyOnWriteArrayList<EventWithToken>();
    var request =
        GetEventsRequest.newBuilder()
            .setTrackingToken(from)
            .setNumberOfPermits(100)
            .setClientId("raw-tracker")
            .addBlacklist(
                PayloadDescription.newBuilder()
                    .setType(NoteAddedEvent.class.getName())
                    .setRevision(""))
            .build();

    try (var client = HubClient.connect(hub)) {
      var call = new ListEvents(received);
      client.eventsAsync().listEvents(call).onNext(request);
      await().atMost(CATCH_UP).until(() -> received.stream().anyMatch(e -> e.getToken() == last));
      call.cancel();
    }

    assertThat(received)
        .extracting(EventWithToken::getToken)
        .as("the account's events, and of the block-listed notes only the last one, at the head")
        .containsExactly((long) from, (long) from + 3, (long) last);
    assertThat(received.get(2).getEvent().getPayload().getType())
        .isEqualTo(NoteAddedEvent.class.getName());
    awaitCaughtUpAndExactlyOnce();
  }

  // ---------------------------------------------------------------- publishing

  private static String open() {
    String account = "acc-" + UUID.randomUUID();
    commands().sendAndWait(new OpenAccountCommand(account));
    published.add(new Published("opened", account));
    return account;
  }

  private static void deposit(String account, long amount) {
    commands().sendAndWait(new DepositCommand(account, amount, 0));
    published.add(new Published("deposited", account));
  }

  private static void withdraw(String account, long amount) {
    commands().sendAndWait(new WithdrawCommand(account, amount, 0));
    published.add(new Published("withdrawn", account));
  }

  /** An event no handler of the ledger handles, published directly. */
  private static void note() {
    notes(1);
  }

  /** Notes in one transaction: the hub commits them together, with consecutive tokens. */
  private static void notes(int count) {
    List<NoteAddedEvent> notes =
        IntStream.range(0, count)
            .mapToObj(i -> new NoteAddedEvent("note " + (published.size() + i)))
            .toList();
    app.getBean(EventGateway.class).publish(notes);
    notes.forEach(note -> published.add(new Published(NOTE, null)));
  }

  private static CommandGateway commands() {
    return app.getBean(CommandGateway.class);
  }

  // ---------------------------------------------------------------- checking

  /**
   * Waits until the processor's token is at the last published event, in its status and in its
   * token store (a batch of only ignored events is stored once the processor's wait for more ends),
   * then checks that the ledger got exactly the events it handles, each once, in token order.
   */
  private static void awaitCaughtUpAndExactlyOnce() {
    long head = published.size() - 1;
    await().atMost(CATCH_UP).until(() -> position() == head && storedPosition() == head);

    List<Entry> expected =
        IntStream.range(0, published.size())
            .filter(token -> !published.get(token).type().equals(NOTE))
            .mapToObj(
                token ->
                    new Entry(token, published.get(token).type(), published.get(token).accountId()))
            .toList();
    assertThat(app.getBean(Ledger.class).entries()).containsExactlyElementsOf(expected);
    assertThat(head()).as("the hub's last token").isEqualTo(head);
  }

  private static long position() {
    EventTrackerStatus status =
        app.getBean(EventProcessingConfiguration.class)
            .eventProcessor("ledger", TrackingEventProcessor.class)
            .orElseThrow()
            .processingStatus()
            .get(0);
    return status == null ? -1 : status.getCurrentPosition().orElse(-1);
  }

  private static long storedPosition() {
    TokenStore tokenStore = app.getBean(EventProcessingConfiguration.class).tokenStore("ledger");
    return tokenStore.fetchToken("ledger", 0).position().orElse(-1);
  }

  private static long head() {
    return app.getBean(EventStore.class).createHeadToken().position().orElse(-1);
  }

  /** A raw {@code ListEvents} call, collecting what the hub sends. */
  private static final class ListEvents
      implements ClientResponseObserver<GetEventsRequest, EventWithToken> {
    private final List<EventWithToken> received;
    private volatile ClientCallStreamObserver<GetEventsRequest> call;

    ListEvents(List<EventWithToken> received) {
      this.received = received;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<GetEventsRequest> requestStream) {
      call = requestStream;
    }

    @Override
    public void onNext(EventWithToken event) {
      received.add(event);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}

    void cancel() {
      call.cancel("done", null);
    }
  }
}
