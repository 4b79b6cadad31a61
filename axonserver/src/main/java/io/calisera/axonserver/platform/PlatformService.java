package io.calisera.axonserver.platform;

import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.EventProcessorInfo;
import io.axoniq.axonserver.grpc.control.NodeInfo;
import io.axoniq.axonserver.grpc.control.PlatformInboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformInfo;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformServiceGrpc;
import io.calisera.axonserver.grpc.ErrorCode;
import io.calisera.axonserver.grpc.OutboundStream;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection set-up and the instruction stream: tells clients to keep the connection they dialled,
 * acknowledges their heartbeats (without acks they tear down every stream about every 10 s), and
 * keeps what they report about their event processors for monitoring.
 */
public final class PlatformService extends PlatformServiceGrpc.PlatformServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(PlatformService.class);

  private final NodeInfo node;
  private final Clock clock;
  private final long streamBufferSize;
  private final Map<String, ConnectedClient> clients = new ConcurrentHashMap<>();

  /**
   * @param streamBufferSize the most bytes waiting on one instruction stream (see {@link
   *     OutboundStream})
   */
  public PlatformService(NodeInfo node, Clock clock, long streamBufferSize) {
    this.node = node;
    this.clock = clock;
    this.streamBufferSize = streamBufferSize;
  }

  /** An application connected through an instruction stream. */
  public record ConnectedClient(
      String clientId,
      String componentName,
      String version,
      Instant connectedAt,
      Map<String, EventProcessorInfo> processors) {}

  public Collection<ConnectedClient> clients() {
    return List.copyOf(clients.values());
  }

  @Override
  public void getPlatformServer(
      ClientIdentification request, StreamObserver<PlatformInfo> responseObserver) {
    responseObserver.onNext(
        PlatformInfo.newBuilder().setPrimary(node).setSameConnection(true).build());
    responseObserver.onCompleted();
  }

  @Override
  public StreamObserver<PlatformInboundInstruction> openStream(
      StreamObserver<PlatformOutboundInstruction> responseObserver) {
    return new InstructionStream(responseObserver);
  }

  /** One client's instruction stream. */
  private final class InstructionStream implements StreamObserver<PlatformInboundInstruction> {
    private final OutboundStream<PlatformOutboundInstruction> outbound;
    private String streamKey;
    private ConnectedClient registered;

    InstructionStream(StreamObserver<PlatformOutboundInstruction> responseObserver) {
      outbound =
          OutboundStream.withoutPermits(responseObserver, streamBufferSize, this::disconnected);
    }

    @Override
    public void onNext(PlatformInboundInstruction instruction) {
      boolean supported = true;
      switch (instruction.getRequestCase()) {
        case REGISTER -> register(instruction.getRegister());
        case EVENT_PROCESSOR_INFO -> processorInfo(instruction.getEventProcessorInfo());
        case HEARTBEAT, ACK -> {}
        case RESULT -> {
          if (!instruction.getResult().getSuccess()) {
            log.warn(
                "Client {} reports failure of instruction {}: {}",
                streamKey,
                instruction.getResult().getInstructionId(),
                instruction.getResult().getError().getMessage());
          }
        }
        default -> supported = false;
      }
      String id = instruction.getInstructionId();
      if (!id.isEmpty()) {
        outbound.send(
            PlatformOutboundInstruction.newBuilder()
                .setAck(supported ? success(id) : unsupported(id, instruction))
                .build());
      } else if (!supported) {
        log.debug(
            "Ignored unsupported instruction {} from {}", instruction.getRequestCase(), streamKey);
      }
    }

    private void register(ClientIdentification client) {
      streamKey = client.getClientId() + "/" + client.getComponentName();
      registered =
          new ConnectedClient(
              client.getClientId(),
              client.getComponentName(),
              client.getVersion(),
              clock.instant(),
              new ConcurrentHashMap<>());
      clients.put(streamKey, registered);
      log.info("Client {} ({}) connected", client.getClientId(), client.getComponentName());
    }

    private void processorInfo(EventProcessorInfo info) {
      if (registered != null) {
        registered.processors().put(info.getProcessorName(), info);
      }
    }

    @Override
    public void onError(Throwable t) {
      outbound.abandon();
      disconnected();
    }

    @Override
    public void onCompleted() {
      disconnected();
      outbound.complete();
    }

    /**
     * Forgets this stream's registration only: after a reconnect, the old stream can end after the
     * new one registered under the same key.
     */
    private void disconnected() {
      if (registered != null && clients.remove(streamKey, registered)) {
        log.info("Client {} disconnected", streamKey);
      }
    }
  }

  private static InstructionAck success(String instructionId) {
    return InstructionAck.newBuilder().setInstructionId(instructionId).setSuccess(true).build();
  }

  private InstructionAck unsupported(String instructionId, PlatformInboundInstruction instruction) {
    return InstructionAck.newBuilder()
        .setInstructionId(instructionId)
        .setSuccess(false)
        .setError(
            ErrorCode.UNSUPPORTED_INSTRUCTION.asErrorMessage(
                "Unsupported instruction: " + instruction.getRequestCase(), node.getNodeName()))
        .build();
  }
}
