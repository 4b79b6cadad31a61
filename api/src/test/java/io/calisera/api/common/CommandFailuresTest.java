package io.calisera.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class CommandFailuresTest {

  @Test
  void aRefusalIsReadFromTheCommandExceptionDetailsHoweverItIsWrapped() {
    var refused = RefusedException.of(RefusalCode.SLOT_TAKEN, "taken");

    assertThat(CommandFailures.refusal(refused))
        .contains(new Refusal(RefusalCode.SLOT_TAKEN, "taken"));
    assertThat(CommandFailures.refusal(new CompletionException(refused))).isPresent();
    assertThat(CommandFailures.refusal(new ExecutionException(refused))).isPresent();
  }

  @Test
  void aFailureWithoutRefusalDetailsIsNoRefusal() {
    assertThat(CommandFailures.refusal(new CommandExecutionException("boom", null))).isEmpty();
    assertThat(CommandFailures.refusal(new IllegalStateException("boom"))).isEmpty();
  }

  @Test
  void aLostRaceIsReadFromTheCommandExceptionDetailsHoweverItIsWrapped() {
    var conflict =
        new SequenceConflict(
                "OUT_OF_RANGE: [AXONIQ-2000] Invalid sequence number 3 for aggregate p-1, expected 4")
            .asException(new RuntimeException("remote"));

    assertThat(CommandFailures.isSequenceConflict(conflict)).isTrue();
    assertThat(CommandFailures.isSequenceConflict(new CompletionException(conflict))).isTrue();
    assertThat(CommandFailures.isSequenceConflict(new ExecutionException(conflict))).isTrue();
    assertThat(CommandFailures.refusal(conflict)).isEmpty();
  }

  @Test
  void onlyTheDetailsTellALostRace() {
    assertThat(CommandFailures.isSequenceConflict(RefusedException.of(RefusalCode.SLOT_TAKEN, "x")))
        .isFalse();
    assertThat(
            CommandFailures.isSequenceConflict(
                new CommandExecutionException("[AXONIQ-2000] Invalid sequence number 3", null)))
        .as("the text alone")
        .isFalse();
  }

  @Test
  void theDetailsTravelAsTheMessagesJson() {
    var serializer =
        JacksonSerializer.builder().objectMapper(MessageSerialization.objectMapper()).build();
    for (Object details :
        List.of(
            new SequenceConflict("[AXONIQ-2000] Invalid sequence number 3"),
            new Refusal(RefusalCode.SLOT_TAKEN, "taken"))) {
      Object read = serializer.deserialize(serializer.serialize(details, byte[].class));
      assertThat(read).isEqualTo(details);
    }
  }
}
