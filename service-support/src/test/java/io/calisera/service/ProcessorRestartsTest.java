package io.calisera.service;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

/** Processors waiting after a failure start again when the hub is back; no others. */
class ProcessorRestartsTest {

  private final AtomicBoolean hub = new AtomicBoolean(true);
  private final StreamingEventProcessor waiting = processor("bookings", true);
  private final StreamingEventProcessor reading = processor("slots", false);
  private final ProcessorRestarts restarts =
      new ProcessorRestarts(hub::get, () -> List.<EventProcessor>of(waiting, reading));

  @Test
  void whenTheHubComesBackAProcessorWaitingAfterAFailureIsRestartedOnce() {
    restarts.check();
    hub.set(false);
    restarts.check();
    restarts.check();
    verify(waiting, never()).shutdownAsync();

    hub.set(true);
    restarts.check();
    restarts.check();

    verify(waiting, times(1)).shutdownAsync();
    verify(waiting, times(1)).start();
    verify(reading, never()).shutdownAsync();
  }

  @Test
  void whileTheHubStaysConnectedNothingIsRestarted() {
    restarts.check();
    restarts.check();
    verify(waiting, never()).shutdownAsync();
  }

  @Test
  void aHubThatAnswersOnlyAfterTheStartCountsAsComingBack() {
    hub.set(false);
    var late = new ProcessorRestarts(hub::get, () -> List.<EventProcessor>of(waiting));
    late.check();
    hub.set(true);
    late.check();
    verify(waiting, times(1)).shutdownAsync();
  }

  private static StreamingEventProcessor processor(String name, boolean waitingAfterAFailure) {
    StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
    when(processor.getName()).thenReturn(name);
    when(processor.isError()).thenReturn(waitingAfterAFailure);
    when(processor.shutdownAsync()).thenReturn(CompletableFuture.completedFuture(null));
    return processor;
  }
}
