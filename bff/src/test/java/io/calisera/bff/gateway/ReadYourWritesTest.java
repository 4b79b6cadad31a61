package io.calisera.bff.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.calisera.bff.BffProperties;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Waiting for the read models after a change, bounded ({@link ReadModelWatchTest} has the waiting
 * itself).
 */
class ReadYourWritesTest {

  final QueryGateway queries = mock(QueryGateway.class);
  final AxonServerConnectionManager hub = mock(AxonServerConnectionManager.class);
  final EventChannel events = mock(EventChannel.class);

  ReadYourWrites readYourWrites(Duration wait, boolean withHub) {
    AxonServerConnection connection = mock(AxonServerConnection.class);
    when(hub.getConnection()).thenReturn(connection);
    when(connection.eventChannel()).thenReturn(events);
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    if (withHub) {
      beans.addBean("hub", hub);
    }
    return new ReadYourWrites(
        beans.getBeanProvider(AxonServerConnectionManager.class),
        queries,
        new BffProperties(
            null,
            URI.create("http://localhost"),
            null,
            new BffProperties.Gateway(null, null, wait),
            null),
        beans.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class));
  }

  @Test
  void withoutTheHubThereIsNothingToWaitFor() {
    ReadYourWrites waiting = readYourWrites(Duration.ofSeconds(5), false);

    waiting.awaitReadModels();

    verify(events, never()).getLastToken();
    assertThat(waiting.stats().waits()).isZero();
  }

  @Test
  void anEventStoreThatCannotAnswerDoesNotFailTheChange() {
    when(events.getLastToken())
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("hub gone")));
    ReadYourWrites waiting = readYourWrites(Duration.ofSeconds(5), true);

    waiting.awaitReadModels();

    assertThat(waiting.stats().gaveUp()).isEqualTo(1);
  }

  @Test
  void readModelsThatDoNotReportHoldTheAnswerOnlyForTheWait() {
    when(events.getLastToken()).thenReturn(CompletableFuture.completedFuture(42L));
    ReadYourWrites waiting = readYourWrites(Duration.ofMillis(100), true);

    long started = System.nanoTime();
    waiting.awaitReadModels();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(waiting.stats().gaveUp()).isEqualTo(1);
  }
}
