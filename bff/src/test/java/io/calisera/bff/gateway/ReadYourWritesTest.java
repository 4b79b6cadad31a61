package io.calisera.bff.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import io.calisera.api.readmodel.ReadModelPositions.ReadModelPosition;
import io.calisera.bff.config.BffProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Waiting for the read models after a change: until they have the hub's last token, bounded. */
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

  static CompletableFuture<ReadModelPositions> at(long providers, long slots) {
    return CompletableFuture.completedFuture(
        new ReadModelPositions(
            List.of(
                new ReadModelPosition("providers", providers),
                new ReadModelPosition("slots", slots))));
  }

  @Test
  void aChangeAnswersOnceEveryReadModelHasTheLastToken() {
    when(events.getLastToken()).thenReturn(CompletableFuture.completedFuture(42L));
    when(queries.query(any(FindReadModelPositionsQuery.class), eq(ReadModelPositions.class)))
        .thenReturn(at(42, 40), at(42, 41), at(43, 42));
    ReadYourWrites waiting = readYourWrites(Duration.ofSeconds(5), true);

    waiting.awaitReadModels();

    verify(queries, times(3))
        .query(any(FindReadModelPositionsQuery.class), eq(ReadModelPositions.class));
    assertThat(waiting.stats().waits()).isEqualTo(1);
    assertThat(waiting.stats().gaveUp()).isZero();
  }

  @Test
  void readModelsThatDoNotCatchUpHoldTheAnswerOnlyForTheWait() {
    when(events.getLastToken()).thenReturn(CompletableFuture.completedFuture(42L));
    when(queries.query(any(FindReadModelPositionsQuery.class), eq(ReadModelPositions.class)))
        .thenReturn(at(42, 7));
    ReadYourWrites waiting = readYourWrites(Duration.ofMillis(100), true);

    long started = System.nanoTime();
    waiting.awaitReadModels();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(waiting.stats().gaveUp()).isEqualTo(1);
  }

  @Test
  void aQuerySideThatCannotAnswerDoesNotFailTheChange() {
    when(events.getLastToken()).thenReturn(CompletableFuture.completedFuture(42L));
    when(queries.query(any(FindReadModelPositionsQuery.class), eq(ReadModelPositions.class)))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("no handler")));
    ReadYourWrites waiting = readYourWrites(Duration.ofSeconds(5), true);

    waiting.awaitReadModels();

    assertThat(waiting.stats().gaveUp()).isEqualTo(1);
  }

  @Test
  void withoutTheHubThereIsNothingToWaitFor() {
    ReadYourWrites waiting = readYourWrites(Duration.ofSeconds(5), false);

    waiting.awaitReadModels();

    verify(queries, never()).query(any(), eq(ReadModelPositions.class));
    assertThat(waiting.stats().waits()).isZero();
  }
}
