package io.calisera.axonserver.eventstore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that one kind of buffer of the hub may hold at once, across every call: what would be taken
 * beyond the limit is refused instead, so that a flood of clients meets a protocol error and not an
 * out-of-memory.
 */
final class ByteBudget {

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  ByteBudget(long limit) {
    this.limit = limit;
  }

  /** Takes {@code bytes} if they fit; false (and nothing taken) if not. */
  boolean tryTake(long bytes) {
    long now;
    do {
      now = used.get();
      if (now + bytes > limit) {
        return false;
      }
    } while (!used.compareAndSet(now, now + bytes));
    return true;
  }

  void give(long bytes) {
    used.addAndGet(-bytes);
  }

  long used() {
    return used.get();
  }

  long limit() {
    return limit;
  }
}
