package io.calisera.query.config;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link DurabilityBarrier} over a commit that makes durable everything acknowledged before it
 * began, shared by the callers that wait at the same time. Every event goes to all five read
 * models, so their processors store their tokens at about the same moment: one commit that begins
 * after a caller arrived covers that caller's writes, and the caller need not commit again.
 */
final class GroupCommit implements DurabilityBarrier {

  private final Runnable commit;
  private final AtomicLong arrived = new AtomicLong();
  private long covered; // guarded by this

  GroupCommit(Runnable commit) {
    this.commit = commit;
  }

  @Override
  public void flush() {
    long ticket = arrived.incrementAndGet();
    synchronized (this) {
      if (covered >= ticket) {
        return; // a commit that began after this caller arrived has ended
      }
      long upTo = arrived.get();
      commit.run();
      covered = upTo;
    }
  }
}
