package io.calisera.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
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
  void theHubsSequenceConflictIsRecognisedAnywhereInTheCauseChain() {
    var conflict =
        new CommandExecutionException(
            "OUT_OF_RANGE: [AXONIQ-2000] Invalid sequence number 3 for aggregate p-1, expected 4",
            new RuntimeException("remote"));

    assertThat(CommandFailures.isSequenceConflict(new CompletionException(conflict))).isTrue();
    assertThat(CommandFailures.isSequenceConflict(RefusedException.of(RefusalCode.SLOT_TAKEN, "x")))
        .isFalse();
  }
}
