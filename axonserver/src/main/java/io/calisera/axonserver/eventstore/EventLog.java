package io.calisera.axonserver.eventstore;

import io.axoniq.axonserver.grpc.event.EventWithToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The committed history as readers see it. The writer announces each commit here after it is
 * durable, in token order, so {@link #head()} never passes an event that a reader could miss. The
 * newest events stay in memory, where live streams read them; a stream that is further behind reads
 * pages from the database.
 */
final class EventLog {

  private static final int PAGE = 1000;

  /**
   * About the most a page read from the database holds, so that each stream behind the recent
   * events holds little even when events are large.
   */
  static final long PAGE_BYTES = 1 << 20;

  private final EventTable table;
  private final Recent recent;
  private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
  private volatile long head;

  EventLog(EventTable table, long head, int recentCapacity, long recentBytes) {
    this.table = table;
    this.head = head;
    this.recent = new Recent(recentCapacity, recentBytes, head + 1);
  }

  /** The token of the newest committed event, or -1 when there is none. */
  long head() {
    return head;
  }

  /** Up to {@code max} committed events from token {@code from} on, in order. */
  List<EventWithToken> read(long from, int max) {
    long to = head;
    if (from > to || max <= 0) {
      return List.of();
    }
    List<EventWithToken> cached = recent.read(from, max, PAGE_BYTES);
    return cached != null ? cached : table.read(from, to, Math.min(max, PAGE), PAGE_BYTES);
  }

  /** Called by the writer, in token order, once the events are committed. */
  void committed(List<StoredEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    recent.add(events);
    head = events.get(events.size() - 1).token();
    listeners.forEach(Runnable::run);
  }

  /** The writer found the database ahead of what it knew (after a failure): start over there. */
  void reset(long newHead) {
    recent.clear(newHead + 1);
    head = newHead;
    listeners.forEach(Runnable::run);
  }

  void addListener(Runnable listener) {
    listeners.add(listener);
  }

  void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  /** A ring of the newest events, bounded by count and by bytes. */
  private static final class Recent {
    private final EventWithToken[] ring;
    private final int[] sizes;
    private final int mask;
    private final long maxBytes;
    private long first;
    private long last;
    private long bytes;

    Recent(int capacity, long maxBytes, long next) {
      int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
      this.ring = new EventWithToken[size];
      this.sizes = new int[size];
      this.mask = size - 1;
      this.maxBytes = maxBytes;
      clear(next);
    }

    synchronized void clear(long next) {
      java.util.Arrays.fill(ring, null);
      first = next;
      last = next - 1;
      bytes = 0;
    }

    synchronized void add(List<StoredEvent> events) {
      for (StoredEvent event : events) {
        if (event.token() != last + 1) {
          clear(event.token());
        }
        if (last - first + 1 == ring.length) {
          evictOldest();
        }
        int slot = (int) (event.token() & mask);
        ring[slot] =
            EventWithToken.newBuilder().setToken(event.token()).setEvent(event.event()).build();
        sizes[slot] = event.bytes().length;
        bytes += sizes[slot];
        last = event.token();
        while (bytes > maxBytes && first < last) {
          evictOldest();
        }
      }
    }

    private void evictOldest() {
      int slot = (int) (first & mask);
      bytes -= sizes[slot];
      ring[slot] = null;
      first++;
    }

    /**
     * The events from {@code from} on, at most {@code max} and no more than make {@code maxBytes}
     * (but at least one): a slow stream holding its page keeps those events alive after the ring
     * has let them go. Null when {@code from} is older than the ring.
     */
    synchronized List<EventWithToken> read(long from, int max, long maxBytes) {
      if (from < first || from > last) {
        return null;
      }
      int count = (int) Math.min(max, last - from + 1);
      var events = new ArrayList<EventWithToken>(Math.min(count, 1024));
      long bytes = 0;
      for (long token = from; token < from + count && bytes < maxBytes; token++) {
        int slot = (int) (token & mask);
        events.add(ring[slot]);
        bytes += sizes[slot];
      }
      return events;
    }
  }
}
