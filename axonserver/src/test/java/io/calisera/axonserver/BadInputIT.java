package io.calisera.axonserver;

import static io.calisera.axonserver.support.HubClient.assertRefused;
import static io.calisera.axonserver.support.HubClient.await;
import static io.calisera.axonserver.support.HubClient.collectingInto;
import static io.calisera.axonserver.support.HubClient.domainEvent;
import static io.calisera.axonserver.support.HubClient.next;
import static io.calisera.axonserver.support.HubClient.payload;
import static io.calisera.axonserver.support.HubClient.plainEvent;
import static io.calisera.axonserver.support.HubClient.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.PlatformInboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.axoniq.axonserver.grpc.event.GetAggregateSnapshotsRequest;
import io.axoniq.axonserver.grpc.event.GetFirstTokenRequest;
import io.axoniq.axonserver.grpc.event.GetTokenAtRequest;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.calisera.axonserver.support.HubClient;
import io.calisera.axonserver.support.RawCommandHandler;
import io.calisera.testing.HubProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the hub does with input that no well-behaved connector sends, or sends only when something
 * went wrong: it refuses it with the status and code that the Axon Server protocol prescribes,
 * stores nothing of a refused transaction and keeps serving. Also the exact shape of the sequence
 * conflict, the token calls and the command and query error replies. Raw gRPC, no connector.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

  /** Short, so that the test of a handler that never answers does not wait five minutes. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  /** 2030-01-01T00:00:00Z: event timestamps are the client's, the wall clock plays no part. */
  private static final long T0 = 1_893_456_000_000L;

  @TempDir static Path home;
  static HubProcess hub;
  static HubClient client;

  @BeforeAll
  static void startHub() {
    hub =
        HubProcess.start(
            home, "--calisera.hub.command-timeout=" + COMMAND_TIMEOUT.toSeconds() + "s");
    client = HubClient.connect(hub);
  }

  @AfterAll
  static void stopHub() {
    if (client != null) {
      client.close();
    }
    if (hub != null) {
      hub.stop();
    }
  }

  // ---------------------------------------------------------------- tokens (first: empty store)

  @Test
  @Order(1)
  void tokensStartAtZeroHaveNoGapsAndFollowTheClientsTimestamps() {
    assertThat(client.lastToken()).as("last token of an empty store").isEqualTo(-1);
    assertThat(firstToken()).as("first token of an empty store").isZero();

    String aggregate = uniqueId("tokens");
    List<Event> sent =
        List.of(
            domainEvent(aggregate, 0, T0),
            domainEvent(aggregate, 1, T0 + 10),
            plainEvent(T0 + 20),
            domainEvent(aggregate, 2, T0 + 30),
            domainEvent(aggregate, 3, T0 + 40));
    client.appendAndWait(sent.get(0), sent.get(1));
    client.appendAndWait(sent.get(2));
    client.appendAndWait(sent.get(3), sent.get(4));

    assertThat(client.lastToken()).isEqualTo(4);
    assertThat(firstToken()).isZero();
    assertThat(client.readEvents(0, 5))
        .extracting(EventWithToken::getToken, EventWithToken::getEvent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, sent.get(0)),
            org.assertj.core.groups.Tuple.tuple(1L, sent.get(1)),
            org.assertj.core.groups.Tuple.tuple(2L, sent.get(2)),
            org.assertj.core.groups.Tuple.tuple(3L, sent.get(3)),
            org.assertj.core.groups.Tuple.tuple(4L, sent.get(4)));
    assertThat(client.readEvents(3, 2))
        .as("ListEvents starts exactly at the requested token")
        .extracting(EventWithToken::getToken, EventWithToken::getEvent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, sent.get(3)),
            org.assertj.core.groups.Tuple.tuple(4L, sent.get(4)));

    assertThat(tokenAt(T0 - 60_000)).as("before every event").isZero();
    assertThat(tokenAt(T0)).isZero();
    assertThat(tokenAt(T0 + 10)).as("an event exactly at the instant").isEqualTo(1);
    assertThat(tokenAt(T0 + 15)).as("the first event after the instant").isEqualTo(2);
    assertThat(tokenAt(T0 + 40)).isEqualTo(4);
    assertThat(tokenAt(T0 + 41)).as("every event is older: last + 1").isEqualTo(5);

    assertThat(client.highestSequence(aggregate)).isEqualTo(3);
    assertThat(client.highestSequence(uniqueId("unknown"))).isEqualTo(-1);
  }

  // ---------------------------------------------------------------- appends

  @Test
  void aMessageOverTheInboundLimitIsRefusedAndTheHubKeepsServing() {
    String aggregate = uniqueId("oversize");
    Event huge =
        domainEvent(aggregate, 0).toBuilder()
            .setPayload(payload("io.calisera.test.Huge", "x".repeat(5 << 20)))
            .build();

    Throwable refusal = catchThrowable(() -> client.appendAndWait(huge));

    assertThat(refusal).isInstanceOf(StatusRuntimeException.class);
    Status status = ((StatusRuntimeException) refusal).getStatus();
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(status.getDescription()).as("the hub's limit").contains("4194304");
    assertThat(client.highestSequence(aggregate)).isEqualTo(-1);
    client.appendAndWait(domainEvent(aggregate, 0));
    assertThat(client.highestSequence(aggregate)).as("the hub keeps serving").isZero();
  }

  @Test
  void anEventOverTheMaximumEventSizeIsRefusedWithAxoniq2001() {
    String aggregate = uniqueId("too-large");
    Event empty =
        domainEvent(aggregate, 1).toBuilder()
            .setPayload(payload("io.calisera.test.Large", ""))
            .build();
    Event large =
        empty.toBuilder()
            .setPayload(
                payload(
                    "io.calisera.test.Large", "x".repeat(4_193_800 - empty.getSerializedSize())))
            .build();
    assertThat(large.getSerializedSize())
        .as("above the largest event, within the largest message")
        .isBetween(4_193_281, 4_194_304);
    long head = client.lastToken();

    assertRefused(
        catchThrowable(() -> client.appendAndWait(domainEvent(aggregate, 0), large)),
        Status.Code.INVALID_ARGUMENT,
        "AXONIQ-2001");

    assertThat(client.highestSequence(aggregate)).as("nothing of the transaction").isEqualTo(-1);
    assertThat(client.lastToken()).isEqualTo(head);
  }

  enum Defect {
    NO_MESSAGE_IDENTIFIER,
    NO_PAYLOAD_TYPE,
    AGGREGATE_TYPE_WITHOUT_AGGREGATE_IDENTIFIER
  }

  @ParameterizedTest
  @EnumSource(Defect.class)
  void anEventWithoutARequiredFieldIsRefusedWithAxoniq9200AndNothingOfItsTransactionIsStored(
      Defect defect) {
    String before = uniqueId("valid-before");
    String after = uniqueId("valid-after");
    Event defective = domainEvent(uniqueId("defective"), 0);
    defective =
        switch (defect) {
          case NO_MESSAGE_IDENTIFIER -> defective.toBuilder().clearMessageIdentifier().build();
          case NO_PAYLOAD_TYPE ->
              defective.toBuilder()
                  .setPayload(defective.getPayload().toBuilder().clearType())
                  .build();
          case AGGREGATE_TYPE_WITHOUT_AGGREGATE_IDENTIFIER ->
              defective.toBuilder().clearAggregateIdentifier().build();
        };
    Event invalid = defective;

    assertRefused(
        catchThrowable(
            () -> client.appendAndWait(domainEvent(before, 0), invalid, domainEvent(after, 0))),
        Status.Code.INVALID_ARGUMENT,
        "AXONIQ-9200");

    assertThat(client.highestSequence(before)).isEqualTo(-1);
    assertThat(client.highestSequence(after)).isEqualTo(-1);
    client.appendAndWait(domainEvent(before, 0));
    assertThat(client.highestSequence(before)).as("the aggregate is still free").isZero();
  }

  @Test
  void anEmptyTransactionIsConfirmedAndStoresNothing() {
    long head = client.lastToken();

    assertThat(client.appendAndWait().getSuccess()).isTrue();

    assertThat(client.lastToken()).isEqualTo(head);
  }

  @Test
  void aTransactionCancelledMidStreamStoresNothing() {
    String aggregate = uniqueId("cancelled");
    Event first = domainEvent(aggregate, 0);
    var transaction = client.openTransaction();
    transaction.send(first);
    transaction.send(domainEvent(aggregate, 1));

    transaction.cancel();

    assertThat(catchThrowable(() -> await(transaction.answer())))
        .isInstanceOf(StatusRuntimeException.class);
    Event replacement = domainEvent(aggregate, 0);
    client.appendAndWait(replacement);
    assertThat(readAggregate(aggregate))
        .as("only the later transaction's event")
        .containsExactly(replacement);
  }

  @Test
  void aSequenceConflictIsOutOfRangeWithTheExactAxoniq2000Text() {
    String aggregate = uniqueId("conflict");
    client.appendAndWait(domainEvent(aggregate, 0));

    StatusRuntimeException refusal =
        assertRefused(
            catchThrowable(() -> client.appendAndWait(domainEvent(aggregate, 0))),
            Status.Code.OUT_OF_RANGE,
            "AXONIQ-2000");

    assertThat(refusal.getStatus().getDescription())
        .isEqualTo(
            "[AXONIQ-2000] Invalid sequence number 0 for aggregate " + aggregate + ", expected 1");
    assertThat(client.highestSequence(aggregate)).isZero();
  }

  @Test
  void aTransactionWithOneBadSequenceStoresNoneOfItsEvents() {
    String fresh = uniqueId("fresh");
    String gapped = uniqueId("gapped");

    StatusRuntimeException gap =
        assertRefused(
            catchThrowable(
                () -> client.appendAndWait(domainEvent(gapped, 0), domainEvent(gapped, 2))),
            Status.Code.OUT_OF_RANGE,
            "AXONIQ-2000");
    StatusRuntimeException mixed =
        assertRefused(
            catchThrowable(
                () -> client.appendAndWait(domainEvent(fresh, 0), domainEvent(gapped, 1))),
            Status.Code.OUT_OF_RANGE,
            "AXONIQ-2000");

    assertThat(gap.getStatus().getDescription())
        .isEqualTo(
            "[AXONIQ-2000] Invalid sequence number 2 for aggregate " + gapped + ", expected 1");
    assertThat(mixed.getStatus().getDescription())
        .isEqualTo(
            "[AXONIQ-2000] Invalid sequence number 1 for aggregate " + gapped + ", expected 0");
    assertThat(client.highestSequence(gapped)).isEqualTo(-1);
    assertThat(client.highestSequence(fresh)).isEqualTo(-1);
  }

  @Test
  void snapshotsAreListedNewestFirstHonouringMaxResultsAndMaxSequence() {
    String aggregate = uniqueId("snapshots");
    for (long sequence : new long[] {2, 8, 5}) {
      client
          .events()
          .appendSnapshot(
              domainEvent(aggregate, sequence).toBuilder()
                  .setPayload(payload("io.calisera.test.AccountState", "state@" + sequence))
                  .build());
    }

    assertThat(snapshots(aggregate, Long.MAX_VALUE, 2)).containsExactly(8L, 5L);
    assertThat(snapshots(aggregate, Long.MAX_VALUE, 0)).containsExactly(8L, 5L, 2L);
    assertThat(snapshots(aggregate, 6, 1)).containsExactly(5L);
    var newest = listSnapshots(aggregate, Long.MAX_VALUE, 1).get(0);
    assertThat(newest.getSnapshot()).isTrue();
    assertThat(newest.getPayload().getData().toStringUtf8()).isEqualTo("state@8");
    assertThat(client.highestSequence(aggregate)).as("snapshots are not events").isEqualTo(-1);
  }

  // ---------------------------------------------------------------- platform instructions

  @Test
  void emptyAndUnknownInstructionsAreAckedAsUnsupportedAndTheStreamStaysUsable() {
    var received = new LinkedBlockingQueue<Object>();
    var stream =
        (ClientCallStreamObserver<PlatformInboundInstruction>)
            client.platformAsync().openStream(collectingInto(received));
    try {
      stream.onNext(
          PlatformInboundInstruction.newBuilder()
              .setRegister(
                  ClientIdentification.newBuilder()
                      .setClientId("bad-input")
                      .setComponentName("test")
                      .setVersion("4.6"))
              .build());
      stream.onNext(PlatformInboundInstruction.newBuilder().setInstructionId("empty-1").build());
      stream.onNext(
          PlatformInboundInstruction.newBuilder()
              .setInstructionId("unknown-1")
              .setUnknownFields(
                  UnknownFieldSet.newBuilder()
                      .addField(
                          42,
                          UnknownFieldSet.Field.newBuilder()
                              .addLengthDelimited(ByteString.copyFromUtf8("from a newer client"))
                              .build())
                      .build())
              .build());
      stream.onNext(
          PlatformInboundInstruction.newBuilder()
              .setInstructionId("heartbeat-1")
              .setHeartbeat(io.axoniq.axonserver.grpc.control.Heartbeat.getDefaultInstance())
              .build());

      InstructionAck empty = nextAck(received);
      InstructionAck unknown = nextAck(received);
      InstructionAck heartbeat = nextAck(received);
      for (var ack : List.of(empty, unknown)) {
        assertThat(ack.getSuccess()).isFalse();
        assertThat(ack.getError().getErrorCode()).isEqualTo("AXONIQ-1002");
        assertThat(ack.getError().getMessage()).isNotEmpty();
      }
      assertThat(empty.getInstructionId()).isEqualTo("empty-1");
      assertThat(unknown.getInstructionId()).isEqualTo("unknown-1");
      assertThat(heartbeat.getInstructionId()).isEqualTo("heartbeat-1");
      assertThat(heartbeat.getSuccess()).as("the stream still works").isTrue();
      assertThat(received).as("nothing else, in particular no end of the stream").isEmpty();
    } finally {
      stream.cancel("done", null);
    }
  }

  // ---------------------------------------------------------------- commands and queries

  @Test
  void aHandlerThatVanishesMidCommandGivesItsDispatcherAxoniq4001Promptly() {
    String name = uniqueId("bad-input.VanishingHandler");
    try (var handler = RawCommandHandler.subscribe(client, name)) {
      Command command = command(name);
      var reply = client.dispatch(command);
      assertThat(handler.nextCommand().getMessageIdentifier())
          .isEqualTo(command.getMessageIdentifier());
      long vanished = System.nanoTime();

      handler.vanish();

      CommandResponse response = await(reply);
      assertThat(Duration.ofNanos(System.nanoTime() - vanished))
          .as("answered when the handler left, not at the command timeout")
          .isLessThan(COMMAND_TIMEOUT);
      assertThat(response.getErrorCode()).isEqualTo("AXONIQ-4001");
      assertThat(response.hasErrorMessage()).isTrue();
      assertThat(response.getErrorMessage().getErrorCode()).isEqualTo("AXONIQ-4001");
      assertThat(response.getErrorMessage().getMessage()).isNotEmpty();
      assertThat(response.getRequestIdentifier()).isEqualTo(command.getMessageIdentifier());
    }
    assertThat(await(client.dispatch(command(name))).getErrorCode())
        .as("the vanished handler is no longer a subscriber")
        .isEqualTo("AXONIQ-4000");
  }

  @Test
  void aHandlerThatNeverAnswersGivesItsDispatcherAxoniq4002AfterTheCommandTimeout() {
    String name = uniqueId("bad-input.SilentHandler");
    try (var handler = RawCommandHandler.subscribe(client, name)) {
      Command command = command(name);
      long dispatched = System.nanoTime();
      var reply = client.dispatch(command);
      assertThat(handler.nextCommand().getMessageIdentifier())
          .isEqualTo(command.getMessageIdentifier());

      CommandResponse response = await(reply);

      assertThat(Duration.ofNanos(System.nanoTime() - dispatched))
          .isGreaterThanOrEqualTo(COMMAND_TIMEOUT.minusMillis(50));
      assertThat(response.getErrorCode()).isEqualTo("AXONIQ-4002");
      assertThat(response.hasErrorMessage()).isTrue();
      assertThat(response.getErrorMessage().getErrorCode()).isEqualTo("AXONIQ-4002");
      assertThat(response.getErrorMessage().getMessage()).contains("timed out");
      assertThat(response.getRequestIdentifier()).isEqualTo(command.getMessageIdentifier());
    }
  }

  @Test
  void aCommandNobodyHandlesGetsAxoniq4000() {
    String name = uniqueId("bad-input.Unhandled");
    Command command = command(name);

    CommandResponse response = client.commands().dispatch(command);

    assertThat(response.getErrorCode()).isEqualTo("AXONIQ-4000");
    assertThat(response.hasErrorMessage()).isTrue();
    assertThat(response.getErrorMessage().getErrorCode()).isEqualTo("AXONIQ-4000");
    assertThat(response.getErrorMessage().getMessage())
        .isEqualTo("No Handler for command: " + name);
    assertThat(response.getRequestIdentifier()).isEqualTo(command.getMessageIdentifier());
  }

  @Test
  void aQueryNobodyHandlesGetsAxoniq5000AndTheCallCompletes() {
    String name = uniqueId("bad-input.UnhandledQuery");
    QueryRequest query =
        QueryRequest.newBuilder()
            .setMessageIdentifier(UUID.randomUUID().toString())
            .setQuery(name)
            .setTimestamp(T0)
            .setPayload(payload(name, "{}"))
            .setClientId("bad-input")
            .setComponentName("test")
            .addProcessingInstructions(number(ProcessingKey.NR_OF_RESULTS, 1))
            .addProcessingInstructions(number(ProcessingKey.TIMEOUT, 3_600_000))
            .build();

    List<QueryResponse> responses = new ArrayList<>();
    client.queries().query(query).forEachRemaining(responses::add);

    assertThat(responses).hasSize(1);
    QueryResponse response = responses.get(0);
    assertThat(response.getErrorCode()).isEqualTo("AXONIQ-5000");
    assertThat(response.hasErrorMessage()).isTrue();
    assertThat(response.getErrorMessage().getErrorCode()).isEqualTo("AXONIQ-5000");
    assertThat(response.getErrorMessage().getMessage()).contains(name);
    assertThat(response.getRequestIdentifier()).isEqualTo(query.getMessageIdentifier());
  }

  // ---------------------------------------------------------------- helpers

  private static Command command(String name) {
    return Command.newBuilder()
        .setMessageIdentifier(UUID.randomUUID().toString())
        .setName(name)
        .setTimestamp(T0)
        .setPayload(payload(name, "{}"))
        .setClientId("bad-input-dispatcher")
        .setComponentName("test")
        .addProcessingInstructions(
            ProcessingInstruction.newBuilder()
                .setKey(ProcessingKey.ROUTING_KEY)
                .setValue(MetaDataValue.newBuilder().setTextValue(UUID.randomUUID().toString())))
        .build();
  }

  private static ProcessingInstruction number(ProcessingKey key, long value) {
    return ProcessingInstruction.newBuilder()
        .setKey(key)
        .setValue(MetaDataValue.newBuilder().setNumberValue(value))
        .build();
  }

  private static long firstToken() {
    return client.events().getFirstToken(GetFirstTokenRequest.getDefaultInstance()).getToken();
  }

  private static long tokenAt(long instant) {
    return client
        .events()
        .getTokenAt(GetTokenAtRequest.newBuilder().setInstant(instant).build())
        .getToken();
  }

  private static List<Event> readAggregate(String aggregate) {
    List<Event> events = new ArrayList<>();
    client
        .events()
        .listAggregateEvents(
            io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest.newBuilder()
                .setAggregateId(aggregate)
                .build())
        .forEachRemaining(events::add);
    return events;
  }

  private static List<Event> listSnapshots(String aggregate, long maxSequence, int maxResults) {
    List<Event> snapshots = new ArrayList<>();
    client
        .events()
        .listAggregateSnapshots(
            GetAggregateSnapshotsRequest.newBuilder()
                .setAggregateId(aggregate)
                .setInitialSequence(0)
                .setMaxSequence(maxSequence)
                .setMaxResults(maxResults)
                .build())
        .forEachRemaining(snapshots::add);
    return snapshots;
  }

  private static List<Long> snapshots(String aggregate, long maxSequence, int maxResults) {
    return listSnapshots(aggregate, maxSequence, maxResults).stream()
        .map(Event::getAggregateSequenceNumber)
        .toList();
  }

  private static InstructionAck nextAck(BlockingQueue<Object> received) {
    var message = (PlatformOutboundInstruction) next(received);
    assertThat(message.hasAck()).as("an ack: %s", message).isTrue();
    return message.getAck();
  }
}
