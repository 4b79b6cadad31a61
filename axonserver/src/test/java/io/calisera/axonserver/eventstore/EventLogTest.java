package io.calisera.axonserver.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The in-memory ring of recent events: reads it can answer never touch the database, reads of
 * events it no longer holds go to the database (here a database that only counts the attempts).
 */
class EventLogTest {

  private final AtomicInteger databaseReads = new AtomicInteger();
  private final DataSource database =
      (DataSource)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {DataSource.class},
              (proxy, method, args) -> {
                if (method.getName().equals("getConnection")) {
                  databaseReads.incrementAndGet();
                  throw new SQLException("the test's database holds nothing");
                }
                throw new UnsupportedOperationException(method.getName());
              });

  @Test
  void anEmptyLogHasHeadMinusOneAndReadsNothing() {
    var log = new EventLog(new EventTable(database, 1000), -1, 8, 1 << 20);

    assertThat(log.head()).isEqualTo(-1);
    assertThat(log.read(0, 10)).isEmpty();
    assertThat(databaseReads).hasValue(0);
  }

  @Test
  void committedEventsAreReadFromMemoryInOrder() {
    var log = new EventLog(new EventTable(database, 1000), -1, 8, 1 << 20);

    log.committed(events(0, 5, 10));

    assertThat(log.head()).isEqualTo(4);
    assertThat(log.read(0, 100))
        .extracting(EventWithToken::getToken)
        .containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(log.read(2, 2)).extracting(EventWithToken::getToken).containsExactly(2L, 3L);
    assertThat(log.read(3, 100).get(0).getEvent().getMessageIdentifier()).isEqualTo("event-3");
    assertThat(log.read(5, 100)).as("beyond the head").isEmpty();
    assertThat(databaseReads).hasValue(0);
  }

  @Test
  void theRingKeepsOnlyTheNewestEventsByCount() {
    var log = new EventLog(new EventTable(database, 1000), -1, 8, 1 << 20);

    log.committed(events(0, 20, 10));

    assertThat(log.read(12, 100))
        .as("the newest eight stay in memory")
        .extracting(EventWithToken::getToken)
        .containsExactlyElementsOf(LongStream.range(12, 20).boxed().toList());
    assertThat(databaseReads).hasValue(0);
    assertThatThrownBy(() -> log.read(11, 100))
        .as("an evicted event is read from the database")
        .isInstanceOf(StorageException.class);
    assertThat(databaseReads).hasValue(1);
  }

  @Test
  void theRingKeepsOnlyTheNewestEventsByBytes() {
    var log = new EventLog(new EventTable(database, 1000), -1, 1024, 100);

    for (long token = 0; token < 10; token++) {
      log.committed(events(token, 1, 30));
    }

    assertThat(log.read(7, 100))
        .as("three events of 30 bytes fit into 100")
        .extracting(EventWithToken::getToken)
        .containsExactly(7L, 8L, 9L);
    assertThat(databaseReads).hasValue(0);
    assertThatThrownBy(() -> log.read(6, 100)).isInstanceOf(StorageException.class);
    assertThat(databaseReads).hasValue(1);
  }

  @Test
  void theNewestEventStaysEvenWhenItAloneExceedsTheByteLimit() {
    var log = new EventLog(new EventTable(database, 1000), -1, 1024, 100);
    log.committed(events(0, 2, 30));

    log.committed(events(2, 1, 500));

    assertThat(log.read(2, 100)).extracting(EventWithToken::getToken).containsExactly(2L);
    assertThat(databaseReads).hasValue(0);
    assertThatThrownBy(() -> log.read(1, 100)).isInstanceOf(StorageException.class);
  }

  @Test
  void eventsCommittedBeforeTheLogStartedAreReadFromTheDatabase() {
    var log = new EventLog(new EventTable(database, 1000), 41, 8, 1 << 20);
    log.committed(events(42, 3, 10));

    assertThat(log.read(42, 100))
        .extracting(EventWithToken::getToken)
        .containsExactly(42L, 43L, 44L);
    assertThat(databaseReads).hasValue(0);
    assertThatThrownBy(() -> log.read(0, 100)).isInstanceOf(StorageException.class);
    assertThat(databaseReads).hasValue(1);
  }

  @Test
  void aResetForgetsTheRingAndMovesTheHead() {
    var log = new EventLog(new EventTable(database, 1000), -1, 8, 1 << 20);
    log.committed(events(0, 3, 10));
    var notified = new AtomicInteger();
    log.addListener(notified::incrementAndGet);

    log.reset(5);

    assertThat(log.head()).isEqualTo(5);
    assertThat(notified).hasValue(1);
    assertThatThrownBy(() -> log.read(0, 100)).isInstanceOf(StorageException.class);
    log.committed(events(6, 1, 10));
    assertThat(log.read(6, 100)).extracting(EventWithToken::getToken).containsExactly(6L);
    assertThat(notified).hasValue(2);
  }

  private static List<StoredEvent> events(long firstToken, int count, int size) {
    return LongStream.range(firstToken, firstToken + count)
        .mapToObj(
            token ->
                new StoredEvent(
                    token,
                    null,
                    0,
                    Event.newBuilder().setMessageIdentifier("event-" + token).build(),
                    new byte[size],
                    new byte[32]))
        .toList();
  }
}
