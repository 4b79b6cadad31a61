package io.calisera.bff.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.calisera.api.readmodel.ReadModelPositions;
import io.calisera.api.readmodel.ReadModelPositions.ReadModelPosition;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

/** The positions pushed by the query side, and the requests waiting for one. */
class ReadModelWatchTest {

  final ReadModelWatch watch =
      new ReadModelWatch(mock(QueryGateway.class), "test", Set.of("analytics"));

  static ReadModelPositions at(long providers, long slots) {
    return new ReadModelPositions(
        List.of(
            new ReadModelPosition("providers", providers), new ReadModelPosition("slots", slots)));
  }

  @Test
  void aWaiterIsWokenWhenEveryReadModelHasReachedItsTarget() throws Exception {
    watch.learn(at(40, 40));
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(() -> awaitQuietly(42, Duration.ofSeconds(10)));

    watch.learn(at(42, 41));
    Thread.sleep(50);
    assertThat(waiting).isNotDone();
    watch.learn(at(42, 42));

    assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aTargetAlreadyReachedDoesNotWait() throws Exception {
    watch.learn(at(50, 43));

    assertThat(watch.await(43, Duration.ZERO)).isTrue();
  }

  @Test
  void aTargetNotReachedInTimeGivesUpAfterTheWait() throws Exception {
    watch.learn(at(42, 7));

    long started = System.nanoTime();
    assertThat(watch.await(42, Duration.ofMillis(100))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void nothingIsPromisedBeforeAnyPositionIsKnown() throws Exception {
    assertThat(watch.lowest()).isEqualTo(ReadModelPositions.NOTHING_APPLIED);
    assertThat(watch.await(0, Duration.ofMillis(10))).isFalse();
  }

  @Test
  void instancesReportingLowerBoundsAreMergedByTheirMaximumPerReadModel() {
    watch.learn(at(42, 30)); // one instance: its own slots segment is behind
    watch.learn(at(35, 44)); // another: its providers segment is behind

    assertThat(watch.lowest()).isEqualTo(42);
  }

  @Test
  void manyWaitersAreEachWokenOnceTheirOwnTargetIsReached() throws Exception {
    watch.learn(at(0, 0));
    int count = 64;
    // a thread each: the common pool may have a single thread on a small machine
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      List<CompletableFuture<Boolean>> waiting =
          IntStream.range(0, count)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> awaitQuietly(i + 1, Duration.ofSeconds(10)), threads))
              .toList();

      watch.learn(at(32, 32));
      CompletableFuture.allOf(waiting.subList(0, 32).toArray(CompletableFuture[]::new))
          .get(5, TimeUnit.SECONDS);
      assertThat(waiting.subList(0, 32)).allMatch(CompletableFuture::join);
      assertThat(waiting.subList(32, count)).noneMatch(CompletableFuture::isDone);

      watch.learn(at(64, 64));
      CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
      assertThat(waiting).allMatch(CompletableFuture::join);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void changesDoNotWaitForAReadModelReadAtReadTime() throws Exception {
    watch.learn(at(42, 42));
    watch.learn(new ReadModelPositions(List.of(new ReadModelPosition("analytics", 3))));

    assertThat(watch.lowest()).isEqualTo(42);
    assertThat(watch.await(42, Duration.ZERO)).isTrue();
  }

  @Test
  void aReaderOfAReadModelReadAtReadTimeWaitsForThatOneAlone() throws Exception {
    watch.learn(at(10, 10));
    watch.learn(new ReadModelPositions(List.of(new ReadModelPosition("analytics", 30))));
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(() -> awaitQuietly("analytics", 42, Duration.ofSeconds(10)));

    watch.learn(at(50, 50));
    Thread.sleep(50);
    assertThat(waiting).isNotDone();
    watch.learn(new ReadModelPositions(List.of(new ReadModelPosition("analytics", 42))));

    assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(watch.await("analytics", 42, Duration.ZERO)).isTrue();
    assertThat(watch.await("slots", 51, Duration.ofMillis(10))).isFalse();
  }

  private boolean awaitQuietly(String readModel, long target, Duration timeout) {
    try {
      return watch.await(readModel, target, timeout);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean awaitQuietly(long target, Duration timeout) {
    try {
      return watch.await(target, timeout);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
