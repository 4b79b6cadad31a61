package io.calisera.benchmarks;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.command.CommandChannel;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The hub as a command router: round trips from one application to a handler in another. */
final class Commands {

  static final String NAME = "io.calisera.benchmarks.PlaceBooking";

  private Commands() {}

  /** Answers every benchmark command at once with its own payload, as a trivial handler would. */
  static void registerEchoHandler(CommandChannel handler) throws Exception {
    handler
        .registerCommandHandler(
            command ->
                CompletableFuture.completedFuture(
                    CommandResponse.newBuilder()
                        .setMessageIdentifier(SampleEvents.randomId())
                        .setRequestIdentifier(command.getMessageIdentifier())
                        .setPayload(command.getPayload())
                        .build()),
            100,
            NAME)
        .awaitAck(10, TimeUnit.SECONDS);
  }

  /**
   * A closed loop per writer: send a command routed by its aggregate (the booking's provider, in
   * the platform), wait for the handler's answer, repeat.
   */
  static Load.Writer closedLoop(CommandChannel dispatcher, String prefix, int perAggregate) {
    return (index, meter, running) -> {
      var cursor = new SampleEvents.Cursor(prefix + "-" + index, perAggregate);
      while (running.getAsBoolean()) {
        cursor.advance();
        Command command = command(cursor.aggregateId(), cursor.sequence());
        long start = System.nanoTime();
        dispatcher.sendCommand(command).get(30, TimeUnit.SECONDS);
        meter.completed(1, start);
      }
    };
  }

  private static Command command(String aggregateId, long sequence) {
    return Command.newBuilder()
        .setMessageIdentifier(SampleEvents.randomId())
        .setName(NAME)
        .setPayload(
            SerializedObject.newBuilder()
                .setType(NAME)
                .setData(ByteString.copyFrom(SampleEvents.json(aggregateId, sequence))))
        .addProcessingInstructions(
            ProcessingInstruction.newBuilder()
                .setKey(ProcessingKey.ROUTING_KEY)
                .setValue(MetaDataValue.newBuilder().setTextValue(aggregateId)))
        .build();
  }
}
