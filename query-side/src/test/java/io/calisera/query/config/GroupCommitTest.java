package io.calisera.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A caller of {@link GroupCommit#flush} returns only after a commit that began after it arrived has
 * ended (so its acknowledged writes are in it), and callers that wait together share commits.
 */
class GroupCommitTest {

  @Test
  void everyCallerReturnsAfterACommitThatBeganAfterItArrivedAndWaitingCallersShareOne()
      throws InterruptedException {
    AtomicLong clock = new AtomicLong();
    AtomicLong lastCommitBegan = new AtomicLong(-1);
    AtomicLong lastCommitEnded = new AtomicLong(-1);
    AtomicInteger commits = new AtomicInteger();
    GroupCommit barrier =
        new GroupCommit(
            () -> {
              lastCommitBegan.set(clock.incrementAndGet());
              commits.incrementAndGet();
              sleep(20);
              lastCommitEnded.set(lastCommitBegan.get());
            });
    int callers = 8;
    int rounds = 5;
    List<String> wrong = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(callers);
    for (int i = 0; i < callers; i++) {
      new Thread(
              () -> {
                for (int round = 0; round < rounds; round++) {
                  long arrived = clock.incrementAndGet();
                  barrier.flush();
                  if (lastCommitEnded.get() < arrived) {
                    synchronized (wrong) {
                      wrong.add("a flush that arrived at " + arrived + " returned before a commit");
                    }
                  }
                }
                done.countDown();
              })
          .start();
    }
    done.await();

    assertThat(wrong).isEmpty();
    assertThat(commits.get()).isLessThan(callers * rounds);
  }

  @Test
  void aFailedCommitFailsItsCallerAndTheNextCallerCommitsAgain() {
    AtomicInteger commits = new AtomicInteger();
    GroupCommit barrier =
        new GroupCommit(
            () -> {
              if (commits.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
              }
            });

    assertThatThrownBy(barrier::flush).hasMessage("disk full");
    barrier.flush();

    assertThat(commits.get()).isEqualTo(2);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
