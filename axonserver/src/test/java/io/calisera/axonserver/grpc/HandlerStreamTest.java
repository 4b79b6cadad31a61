package io.calisera.axonserver.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandSubscription;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.calisera.axonserver.access.Application;
import io.calisera.axonserver.access.Dispatcher;
import io.calisera.axonserver.access.Right;
import io.calisera.axonserver.command.CommandService;
import io.calisera.axonserver.query.QueryService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handler streams of the command and the query service, driven in memory: which instructions
 * are acked, that work waits for the handler's permits, and that a handler which leaves gets no
 * more work and holds nothing up.
 */
class HandlerStreamTest {

  private static final Application DISPATCHER =
      new Application("bff", Set.of(Right.DISPATCH_COMMANDS));

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final CommandService commands =
      new CommandService("test-hub", Duration.ofMinutes(5), timer, 1 << 20);
  private final QueryService queries =
      new QueryService("test-hub", Duration.ofMinutes(5), timer, 1 << 20);

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  @Test
  void onlyInstructionsThatCarryAnIdAreAcked() {
    var handler = new Recording<CommandProviderInbound>();
    var stream = commands.openStream(handler);

    stream.onNext(commandPermits(10));
    stream.onNext(subscribeToCommand("Deposit", "subscribe-1"));
    stream.onNext(
        CommandProviderOutbound.newBuilder()
            .setAck(InstructionAck.newBuilder().setSuccess(true))
            .build());

    assertThat(handler.received).hasSize(1);
    InstructionAck ack = handler.received.get(0).getAck();
    assertThat(ack.getInstructionId()).isEqualTo("subscribe-1");
    assertThat(ack.getSuccess()).isTrue();
  }

  @Test
  void anUnknownInstructionIsRefusedWithAxoniq1002AndTheStreamStaysUsable() {
    var handler = new Recording<QueryProviderInbound>();
    var stream = queries.openStream(handler);
    stream.onNext(queryPermits(10));

    stream.onNext(QueryProviderOutbound.newBuilder().setInstructionId("unknown-1").build());
    stream.onNext(subscribeToQuery("Balance", "subscribe-1"));

    assertThat(handler.received).extracting(QueryProviderInbound::getAck).hasSize(2);
    InstructionAck refused = handler.received.get(0).getAck();
    assertThat(refused.getInstructionId()).isEqualTo("unknown-1");
    assertThat(refused.getSuccess()).isFalse();
    assertThat(refused.getError().getErrorCode()).isEqualTo("AXONIQ-1002");
    assertThat(refused.getError().getLocation()).isEqualTo("test-hub");
    InstructionAck subscribed = handler.received.get(1).getAck();
    assertThat(subscribed.getInstructionId()).isEqualTo("subscribe-1");
    assertThat(subscribed.getSuccess()).isTrue();
  }

  @Test
  void aCommandWaitsUntilItsHandlerGrantsAPermit() {
    var handler = new Recording<CommandProviderInbound>();
    var stream = commands.openStream(handler);
    stream.onNext(commandPermits(1));
    stream.onNext(subscribeToCommand("Deposit", "subscribe-1"));

    HubCallInterceptor.callOf(DISPATCHER)
        .run(() -> commands.dispatch(command("Deposit", "command-1"), new Recording<>()));

    assertThat(handler.received).as("the only permit went to the ack").hasSize(1);
    stream.onNext(commandPermits(1));
    assertThat(handler.received).hasSize(2);
    assertThat(handler.received.get(1).getCommand().getMessageIdentifier()).isEqualTo("command-1");
    assertThat(handler.received.get(1).getCommand().getMetaDataMap().get(Dispatcher.APPLICATION))
        .as("attested by the hub")
        .extracting(MetaDataValue::getTextValue)
        .isEqualTo("bff");
  }

  @Test
  void aCommandHandlerThatLeavesGetsNoMoreCommands() {
    var handler = new Recording<CommandProviderInbound>();
    var stream = commands.openStream(handler);
    stream.onNext(commandPermits(10));
    stream.onNext(subscribeToCommand("Deposit", "subscribe-1"));

    stream.onCompleted();
    var dispatcher = new Recording<CommandResponse>();
    commands.dispatch(command("Deposit", "command-1"), dispatcher);

    assertThat(handler.completed).isTrue();
    assertThat(handler.received).hasSize(1);
    assertThat(dispatcher.received)
        .extracting(CommandResponse::getErrorCode)
        .containsExactly("AXONIQ-4000");
  }

  @Test
  void aQueryEndsWhenTheOnlyHandlerItWaitsForGoesAway() {
    var handler = new Recording<QueryProviderInbound>();
    var stream = queries.openStream(handler);
    stream.onNext(queryPermits(10));
    stream.onNext(subscribeToQuery("Balance", ""));
    var caller = new Recording<QueryResponse>();
    queries.query(
        QueryRequest.newBuilder().setMessageIdentifier("query-1").setQuery("Balance").build(),
        caller);
    assertThat(handler.received).extracting(QueryProviderInbound::hasQuery).containsExactly(true);

    stream.onError(Status.CANCELLED.asRuntimeException());

    assertThat(caller.completed).as("no timeout to wait for").isTrue();
    assertThat(caller.received).isEmpty();
    assertThat(queries.pendingQueries()).isZero();
  }

  @Test
  void aCommandForAHandlerWithTooMuchWaitingIsRefusedWithAxoniq4003AndTheHandlerKeepsItsStream() {
    var oneWaiting = new CommandService("test-hub", Duration.ofMinutes(5), timer, 1);
    var handler = new Recording<CommandProviderInbound>();
    var stream = oneWaiting.openStream(handler);
    stream.onNext(subscribeToCommand("Deposit", ""));
    var waiting = new Recording<CommandResponse>();
    var refused = new Recording<CommandResponse>();

    HubCallInterceptor.callOf(DISPATCHER)
        .run(
            () -> {
              oneWaiting.dispatch(command("Deposit", "command-1"), waiting);
              oneWaiting.dispatch(command("Deposit", "command-2"), refused);
            });

    assertThat(refused.received)
        .extracting(CommandResponse::getErrorCode)
        .containsExactly("AXONIQ-4003");
    assertThat(refused.completed).isTrue();
    assertThat(waiting.received).as("still waiting for its handler").isEmpty();
    stream.onNext(commandPermits(5));
    assertThat(handler.received)
        .extracting(message -> message.getCommand().getMessageIdentifier())
        .containsExactly("command-1");
    assertThat(oneWaiting.pendingCommands()).isOne();
  }

  @Test
  void aQueryForAHandlerWithTooMuchWaitingIsAnsweredWithAxoniq5001AndTheHandlerKeepsItsStream() {
    var oneWaiting = new QueryService("test-hub", Duration.ofMinutes(5), timer, 1);
    var handler = new Recording<QueryProviderInbound>();
    var stream = oneWaiting.openStream(handler);
    stream.onNext(subscribeToQuery("Balance", ""));
    var waiting = new Recording<QueryResponse>();
    var refused = new Recording<QueryResponse>();

    oneWaiting.query(
        QueryRequest.newBuilder().setMessageIdentifier("query-1").setQuery("Balance").build(),
        waiting);
    oneWaiting.query(
        QueryRequest.newBuilder().setMessageIdentifier("query-2").setQuery("Balance").build(),
        refused);

    assertThat(refused.received)
        .extracting(QueryResponse::getErrorCode)
        .containsExactly("AXONIQ-5001");
    assertThat(refused.completed).isTrue();
    assertThat(waiting.completed).as("still waiting for its handler").isFalse();
    stream.onNext(queryPermits(5));
    assertThat(handler.received)
        .extracting(message -> message.getQuery().getMessageIdentifier())
        .containsExactly("query-1");
    assertThat(oneWaiting.pendingQueries()).isOne();
  }

  private static CommandProviderOutbound commandPermits(long permits) {
    return CommandProviderOutbound.newBuilder()
        .setFlowControl(FlowControl.newBuilder().setPermits(permits))
        .build();
  }

  private static QueryProviderOutbound queryPermits(long permits) {
    return QueryProviderOutbound.newBuilder()
        .setFlowControl(FlowControl.newBuilder().setPermits(permits))
        .build();
  }

  private static QueryProviderOutbound subscribeToQuery(String query, String instructionId) {
    return QueryProviderOutbound.newBuilder()
        .setInstructionId(instructionId)
        .setSubscribe(
            QuerySubscription.newBuilder()
                .setQuery(query)
                .setResultName("java.lang.Long")
                .setClientId("handler-1")
                .setComponentName("bank"))
        .build();
  }

  private static CommandProviderOutbound subscribeToCommand(String command, String instructionId) {
    return CommandProviderOutbound.newBuilder()
        .setInstructionId(instructionId)
        .setSubscribe(
            CommandSubscription.newBuilder()
                .setCommand(command)
                .setClientId("handler-1")
                .setComponentName("bank"))
        .build();
  }

  private static Command command(String name, String id) {
    return Command.newBuilder().setName(name).setMessageIdentifier(id).build();
  }

  /** What the other end of a stream received; {@code completed} marks a regular end. */
  private static final class Recording<T> implements StreamObserver<T> {
    final List<T> received = new ArrayList<>();
    boolean completed;

    @Override
    public void onNext(T message) {
      received.add(message);
    }

    @Override
    public void onError(Throwable t) {
      throw new AssertionError("the hub failed the stream", t);
    }

    @Override
    public void onCompleted() {
      completed = true;
    }
  }
}
