package io.calisera.axonserver.command;

import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.command.CommandSubscription;
import io.calisera.axonserver.access.Dispatcher;
import io.calisera.axonserver.grpc.ErrorCode;
import io.calisera.axonserver.grpc.HandlerStream;
import io.calisera.axonserver.grpc.HubCallInterceptor;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes commands from dispatchers to handler streams. A command goes to one subscriber of its
 * name, chosen by consistent hashing of its routing key (the aggregate id), so that all commands
 * for one aggregate meet in one JVM, where the framework serialises them. The handler gets the
 * command with its dispatcher attested in the metadata ({@link Dispatcher}); the reply goes back
 * unchanged. Every dispatch ends with exactly one reply: the handler's, no-handler, a timeout, or
 * "connection to handler lost".
 */
public final class CommandService extends CommandServiceGrpc.CommandServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(CommandService.class);
  private static final int DEFAULT_LOAD_FACTOR = 100;

  private final String nodeName;
  private final Duration timeout;
  private final ScheduledExecutorService timer;
  private final long streamBufferSize;

  /** command name -> member identity -> subscription; guarded by itself. */
  private final Map<String, Map<String, Subscription>> subscriptions = new HashMap<>();

  /** Rebuilt on every subscription change; read without locks on every dispatch. */
  private volatile Map<String, HashRing<CommandHandlerStream>> rings = Map.of();

  private final Map<String, PendingCommand> pending = new ConcurrentHashMap<>();

  /**
   * @param streamBufferSize the most bytes waiting on one handler stream (see {@link
   *     io.calisera.axonserver.grpc.OutboundStream})
   */
  public CommandService(
      String nodeName, Duration timeout, ScheduledExecutorService timer, long streamBufferSize) {
    this.nodeName = nodeName;
    this.timeout = timeout;
    this.timer = timer;
    this.streamBufferSize = streamBufferSize;
  }

  private record Subscription(CommandHandlerStream stream, int loadFactor) {}

  private record PendingCommand(
      StreamObserver<CommandResponse> dispatcher,
      CommandHandlerStream handler,
      ScheduledFuture<?> timeout) {}

  public int pendingCommands() {
    return pending.size();
  }

  @Override
  public StreamObserver<CommandProviderOutbound> openStream(
      StreamObserver<CommandProviderInbound> responseObserver) {
    return new CommandHandlerStream(responseObserver);
  }

  @Override
  public void dispatch(Command command, StreamObserver<CommandResponse> dispatcher) {
    String id = command.getMessageIdentifier();
    if (id.isEmpty() || command.getName().isEmpty()) {
      dispatcher.onError(
          ErrorCode.VALIDATION_FAILED.asException(
              "A command needs a message_identifier and a name"));
      return;
    }
    HashRing<CommandHandlerStream> ring = rings.get(command.getName());
    if (ring == null || ring.isEmpty()) {
      reply(
          dispatcher,
          error(
              id,
              ErrorCode.NO_HANDLER_FOR_COMMAND,
              "No Handler for command: " + command.getName()));
      return;
    }
    CommandHandlerStream handler = ring.memberFor(routingKey(command));
    ScheduledFuture<?> timeoutTask =
        timer.schedule(
            () ->
                finish(
                    id,
                    error(
                        id,
                        ErrorCode.COMMAND_EXECUTION_ERROR,
                        "Command "
                            + command.getName()
                            + " timed out after "
                            + timeout.toMillis()
                            + " ms")),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    if (pending.putIfAbsent(id, new PendingCommand(dispatcher, handler, timeoutTask)) != null) {
      timeoutTask.cancel(false);
      dispatcher.onError(
          ErrorCode.VALIDATION_FAILED.asException("Command " + id + " is already being handled"));
      return;
    }
    if (dispatcher instanceof ServerCallStreamObserver<CommandResponse> call) {
      call.setOnCancelHandler(() -> forget(id));
    }
    if (!handler.isOpen()) {
      // the handler left between choosing it and registering the command
      finish(id, connectionLost(id));
      return;
    }
    if (!handler.offer(
        CommandProviderInbound.newBuilder()
            .setCommand(Dispatcher.attest(command, HubCallInterceptor.caller()))
            .build())) {
      finish(
          id,
          error(
              id,
              ErrorCode.COMMAND_DISPATCH_ERROR,
              "The handler of "
                  + command.getName()
                  + " has "
                  + streamBufferSize
                  + " bytes of messages waiting, the hub's limit"
                  + " (calisera.hub.stream-buffer-size); retry"));
    }
  }

  /** A stream on which an application subscribes command handlers and answers commands. */
  private final class CommandHandlerStream
      extends HandlerStream<CommandProviderOutbound, CommandProviderInbound> {
    final String streamId = UUID.randomUUID().toString();

    CommandHandlerStream(StreamObserver<CommandProviderInbound> observer) {
      super(
          observer,
          ack -> CommandProviderInbound.newBuilder().setAck(ack).build(),
          nodeName,
          streamBufferSize);
    }

    @Override
    protected InstructionAck handle(CommandProviderOutbound instruction) {
      String instructionId = instruction.getInstructionId();
      return switch (instruction.getRequestCase()) {
        case SUBSCRIBE -> subscribe(instruction.getSubscribe(), instructionId);
        case UNSUBSCRIBE -> {
          unregister(this, instruction.getUnsubscribe());
          yield success(instructionId);
        }
        case FLOW_CONTROL -> grant(instruction.getFlowControl().getPermits(), instructionId);
        case COMMAND_RESPONSE -> {
          complete(instruction.getCommandResponse());
          yield success(instructionId);
        }
        case ACK -> null;
        default -> unsupported(instructionId, instruction.getRequestCase());
      };
    }

    private InstructionAck subscribe(CommandSubscription subscription, String instructionId) {
      if (subscription.getCommand().isEmpty()) {
        return failure(
            instructionId, ErrorCode.VALIDATION_FAILED, "Subscription without a command name");
      }
      register(this, subscription);
      return success(instructionId);
    }

    @Override
    protected void closed() {
      handlerLeft(this);
    }
  }

  private void register(CommandHandlerStream stream, CommandSubscription subscription) {
    int loadFactor =
        subscription.getLoadFactor() <= 0 ? DEFAULT_LOAD_FACTOR : subscription.getLoadFactor();
    synchronized (subscriptions) {
      subscriptions
          .computeIfAbsent(subscription.getCommand(), name -> new HashMap<>())
          .put(memberIdentity(stream, subscription), new Subscription(stream, loadFactor));
      rebuildRings();
    }
  }

  private void unregister(CommandHandlerStream stream, CommandSubscription subscription) {
    synchronized (subscriptions) {
      Map<String, Subscription> members = subscriptions.get(subscription.getCommand());
      if (members != null
          && members.values().removeIf(s -> s.stream() == stream)
          && members.isEmpty()) {
        subscriptions.remove(subscription.getCommand());
      }
      rebuildRings();
    }
  }

  private void handlerLeft(CommandHandlerStream stream) {
    synchronized (subscriptions) {
      subscriptions
          .values()
          .forEach(members -> members.values().removeIf(s -> s.stream() == stream));
      subscriptions.values().removeIf(Map::isEmpty);
      rebuildRings();
    }
    List<String> lost =
        pending.entrySet().stream()
            .filter(e -> e.getValue().handler() == stream)
            .map(Map.Entry::getKey)
            .toList();
    lost.forEach(id -> finish(id, connectionLost(id)));
    if (!lost.isEmpty()) {
      log.warn(
          "Handler stream closed with {} commands in flight; their dispatchers get AXONIQ-4001",
          lost.size());
    }
  }

  private void rebuildRings() {
    var rebuilt = new HashMap<String, HashRing<CommandHandlerStream>>();
    subscriptions.forEach(
        (command, members) -> {
          var weighted = new HashMap<String, HashRing.Weighted<CommandHandlerStream>>();
          members.forEach(
              (identity, s) ->
                  weighted.put(identity, new HashRing.Weighted<>(s.stream(), s.loadFactor())));
          rebuilt.put(command, new HashRing<>(weighted));
        });
    rings = Map.copyOf(rebuilt);
  }

  private void complete(CommandResponse response) {
    if (!finish(response.getRequestIdentifier(), response)) {
      log.debug("Dropped reply to unknown or finished command {}", response.getRequestIdentifier());
    }
  }

  private boolean finish(String commandId, CommandResponse response) {
    PendingCommand command = pending.remove(commandId);
    if (command == null) {
      return false;
    }
    command.timeout().cancel(false);
    reply(command.dispatcher(), response);
    return true;
  }

  private void forget(String commandId) {
    PendingCommand command = pending.remove(commandId);
    if (command != null) {
      command.timeout().cancel(false);
    }
  }

  private static void reply(StreamObserver<CommandResponse> dispatcher, CommandResponse response) {
    try {
      dispatcher.onNext(response);
      dispatcher.onCompleted();
    } catch (RuntimeException cancelled) {
      log.debug("Dispatcher went away before its reply", cancelled);
    }
  }

  /**
   * Who a handler is across reconnects: the same client and component keep their share of the ring,
   * so keys do not move when a connection is re-established.
   */
  private static String memberIdentity(
      CommandHandlerStream stream, CommandSubscription subscription) {
    return subscription.getClientId().isEmpty()
        ? stream.streamId
        : subscription.getClientId() + "/" + subscription.getComponentName();
  }

  private static String routingKey(Command command) {
    for (ProcessingInstruction instruction : command.getProcessingInstructionsList()) {
      if (instruction.getKey() == ProcessingKey.ROUTING_KEY) {
        MetaDataValue value = instruction.getValue();
        return switch (value.getDataCase()) {
          case TEXT_VALUE -> value.getTextValue();
          case NUMBER_VALUE -> Long.toString(value.getNumberValue());
          case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
          case BOOLEAN_VALUE -> Boolean.toString(value.getBooleanValue());
          default -> command.getMessageIdentifier();
        };
      }
    }
    return command.getMessageIdentifier();
  }

  private CommandResponse connectionLost(String commandId) {
    return error(
        commandId,
        ErrorCode.CONNECTION_TO_HANDLER_LOST,
        "Connection to the command handler was lost");
  }

  private CommandResponse error(String commandId, ErrorCode code, String message) {
    return CommandResponse.newBuilder()
        .setMessageIdentifier(UUID.randomUUID().toString())
        .setRequestIdentifier(commandId)
        .setErrorCode(code.code())
        .setErrorMessage(code.asErrorMessage(message, nodeName))
        .build();
  }
}
