package io.calisera.axonserver.grpc;

import com.google.protobuf.MessageLite;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;

/**
 * The hub's end of a handler stream: the {@code OpenStream} call of the command and the query
 * service, on which an application subscribes its handlers, grants permits and answers, and on
 * which the hub pushes work to it, one permit per message. What both services do alike lives here:
 * every instruction that carries an id gets its ack back (the client waits for it), and the stream
 * ends once for the hub whether the client completes it or goes away.
 *
 * @param <O> what the application sends ({@code CommandProviderOutbound}, {@code
 *     QueryProviderOutbound})
 * @param <I> what the hub sends ({@code CommandProviderInbound}, {@code QueryProviderInbound})
 */
public abstract class HandlerStream<O, I extends MessageLite> implements StreamObserver<O> {

  private final OutboundStream<I> outbound;
  private final Function<InstructionAck, I> ackMessage;
  private final String nodeName;
  private volatile boolean open = true;

  /**
   * @param ackMessage wraps an ack into the message type of this stream
   * @param nodeName where the hub's errors come from
   * @param maxQueuedBytes the most bytes waiting for the application's permits or transport: work
   *     beyond is refused to whoever asked for it ({@link #offer}); an application that leaves more
   *     of its own instructions unread loses the stream, as if it had left
   */
  protected HandlerStream(
      StreamObserver<I> observer,
      Function<InstructionAck, I> ackMessage,
      String nodeName,
      long maxQueuedBytes) {
    this.outbound = OutboundStream.withPermits(observer, maxQueuedBytes, this::overflowed);
    this.ackMessage = ackMessage;
    this.nodeName = nodeName;
  }

  /**
   * Carries out one instruction of the application.
   *
   * @return its ack (sent only when the instruction carried an id), or null for none: the
   *     application's own acks need no answer
   */
  protected abstract InstructionAck handle(O instruction);

  /**
   * Forgets this stream wherever it was registered, when the application ended it or went away;
   * {@link #isOpen} is already false.
   */
  protected abstract void closed();

  /** Sends an instruction to the application, once it has a permit for it. */
  public final void send(I message) {
    outbound.send(message);
  }

  /**
   * Sends work another client asked for, once the application has a permit for it; false, and
   * nothing sent, when the application already has {@code maxQueuedBytes} waiting: then the client
   * that asked is refused, and the slow application keeps its stream.
   */
  public final boolean offer(I message) {
    return outbound.offer(message);
  }

  /** False once the application ended the stream or went away. */
  public final boolean isOpen() {
    return open;
  }

  @Override
  public final void onNext(O instruction) {
    InstructionAck ack = handle(instruction);
    if (ack != null && !ack.getInstructionId().isEmpty()) {
      outbound.send(ackMessage.apply(ack));
    }
  }

  @Override
  public final void onError(Throwable t) {
    outbound.abandon();
    open = false;
    closed();
  }

  private void overflowed() {
    open = false;
    closed();
  }

  @Override
  public final void onCompleted() {
    open = false;
    closed();
    outbound.complete();
  }

  /** Lets the application receive {@code permits} more messages. */
  protected final InstructionAck grant(long permits, String instructionId) {
    outbound.grant(permits);
    return success(instructionId);
  }

  protected static InstructionAck success(String instructionId) {
    return InstructionAck.newBuilder().setInstructionId(instructionId).setSuccess(true).build();
  }

  protected final InstructionAck failure(String instructionId, ErrorCode code, String message) {
    return InstructionAck.newBuilder()
        .setInstructionId(instructionId)
        .setSuccess(false)
        .setError(code.asErrorMessage(message, nodeName))
        .build();
  }

  /** The ack of an instruction this hub does not know, e.g. from a newer client (AXONIQ-1002). */
  protected final InstructionAck unsupported(String instructionId, Enum<?> requestCase) {
    return failure(
        instructionId, ErrorCode.UNSUPPORTED_INSTRUCTION, "Unsupported instruction " + requestCase);
  }
}
