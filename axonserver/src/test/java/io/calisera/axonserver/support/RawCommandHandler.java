package io.calisera.axonserver.support;

import static io.calisera.axonserver.support.HubClient.collectingInto;
import static io.calisera.axonserver.support.HubClient.next;
import static io.calisera.axonserver.support.HubClient.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.command.CommandSubscription;
import io.grpc.stub.ClientCallStreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A command handler speaking the protocol by hand, so that it can misbehave. */
public final class RawCommandHandler implements AutoCloseable {
  private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
  private final ClientCallStreamObserver<CommandProviderOutbound> stream;

  private RawCommandHandler(HubClient client) {
    stream =
        (ClientCallStreamObserver<CommandProviderOutbound>)
            client.commandsAsync().openStream(collectingInto(received));
  }

  /** Opens the stream, grants permits and subscribes, as the connector does on first connect. */
  public static RawCommandHandler subscribe(HubClient client, String command) {
    var handler = new RawCommandHandler(client);
    String clientId = uniqueId("raw-handler");
    handler.stream.onNext(
        CommandProviderOutbound.newBuilder()
            .setFlowControl(FlowControl.newBuilder().setClientId(clientId).setPermits(10))
            .build());
    handler.stream.onNext(
        CommandProviderOutbound.newBuilder()
            .setInstructionId("subscribe-1")
            .setSubscribe(
                CommandSubscription.newBuilder()
                    .setMessageId("subscribe-1")
                    .setCommand(command)
                    .setClientId(clientId)
                    .setComponentName("raw-handler")
                    .setLoadFactor(100))
            .build());
    var ack = (CommandProviderInbound) next(handler.received);
    assertThat(ack.getAck().getInstructionId()).isEqualTo("subscribe-1");
    assertThat(ack.getAck().getSuccess()).isTrue();
    return handler;
  }

  public Command nextCommand() {
    var message = (CommandProviderInbound) next(received);
    assertThat(message.hasCommand()).as("a command: %s", message).isTrue();
    return message.getCommand();
  }

  /** The handler's process dies: the stream breaks without an answer or a goodbye. */
  public void vanish() {
    stream.cancel("the handler's process died", null);
  }

  @Override
  public void close() {
    stream.cancel("test over", null);
  }
}
