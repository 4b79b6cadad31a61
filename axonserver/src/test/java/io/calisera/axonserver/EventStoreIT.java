package io.calisera.axonserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.AppendEventsTransaction;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.calisera.axonserver.support.SharedHub;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event store's guarantees under the load shapes the writer batches and the tracking stream
 * pages were tuned for, through the stock connector: racing one-event appends, and a tracking
 * stream that catches up from the database while new events keep arriving.
 */
@ExtendWith(SharedHub.class)
class EventStoreIT {

  static HubProcess hub;
  static AxonServerConnectionFactory connections;
  static EventChannel events;

  @BeforeAll
  static void startHub(HubProcess shared) {
    hub = shared;
    connections =
        AxonServerConnectionFactory.forClient("event-store-it")
            .routingServers(new ServerAddress("localhost", hub.grpcPort()))
            .token(hub.token(HubApplications.TESTER))
            .build();
    AxonServerConnection connection = connections.connect("default");
    events = connection.eventChannel();
  }

  @AfterAll
  static void stop() {
    if (connections != null) {
      connections.shutdown();
    }
  }

  @Test
  void racingAppendsToOneAggregateLeaveOneWinnerPerSequenceNumber() throws Exception {
    String aggregate = "race-" + UUID.randomUUID();
    var accepted = new AtomicInteger();
    var refused = new AtomicInteger();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      var writer =
          new Thread(
              () -> {
                for (int attempt = 0; attempt < 40; attempt++) {
                  try {
                    Long highest = events.findHighestSequence(aggregate).get(10, TimeUnit.SECONDS);
                    long next = highest == null || highest < 0 ? 0 : highest + 1;
                    events.appendEvents(event(aggregate, next)).get(10, TimeUnit.SECONDS);
                    accepted.incrementAndGet();
                  } catch (ExecutionException e) {
                    var status = Status.fromThrowable(e.getCause());
                    assertThat(status.getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
                    assertThat(status.getDescription()).startsWith("[AXONIQ-2000]");
                    refused.incrementAndGet();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
              });
      writer.start();
      writers.add(writer);
    }
    for (Thread writer : writers) {
      writer.join();
    }

    List<Long> stored =
        events
            .openAggregateStream(aggregate, 0)
            .asStream()
            .map(Event::getAggregateSequenceNumber)
            .toList();
    assertThat(accepted.get() + refused.get()).isEqualTo(8 * 40);
    assertThat(refused.get()).as("some appends raced").isPositive();
    assertThat(stored).hasSize(accepted.get());
    for (int i = 0; i < stored.size(); i++) {
      assertThat(stored.get(i)).isEqualTo(i);
    }
  }

  @Test
  void aTrackingStreamCatchingUpSeesEveryEventOnceInTokenOrder() throws Exception {
    long first = events.getLastToken().get(10, TimeUnit.SECONDS) + 1;
    // more than the hub keeps in memory, so that most of them come from database pages
    int loaded = 40_000;
    List<CompletableFuture<?>> loads = new ArrayList<>();
    for (int t = 0; t < loaded / 1000; t++) {
      AppendEventsTransaction transaction = events.startAppendEventsTransaction();
      for (int i = 0; i < 1000; i++) {
        transaction.appendEvent(event("bulk-" + t + "-" + UUID.randomUUID(), 0));
      }
      loads.add(transaction.commit());
    }
    CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    int live = 2_000;
    var stream = events.openStream(first - 1, 5000);
    var appender =
        new Thread(
            () -> {
              for (int i = 0; i < live; i++) {
                events.appendEvents(event("live-" + i + "-" + UUID.randomUUID(), 0)).join();
              }
            });
    appender.start();
    long expected = first;
    int seen = 0;
    try {
      while (seen < loaded + live) {
        EventWithToken next = stream.nextIfAvailable(30, TimeUnit.SECONDS);
        assertThat(next).as("event with token %d", expected).isNotNull();
        assertThat(next.getToken()).isEqualTo(expected++);
        String aggregate = next.getEvent().getAggregateIdentifier();
        if (aggregate.startsWith("bulk-") || aggregate.startsWith("live-")) {
          seen++;
        }
      }
    } finally {
      stream.close();
      appender.join();
    }
  }

  private static Event event(String aggregate, long sequence) {
    return Event.newBuilder()
        .setMessageIdentifier(UUID.randomUUID().toString())
        .setAggregateIdentifier(aggregate)
        .setAggregateSequenceNumber(sequence)
        .setAggregateType("Booking")
        .setTimestamp(System.currentTimeMillis())
        .setPayload(
            SerializedObject.newBuilder()
                .setType("io.calisera.test.BookingPlaced")
                .setData(ByteString.copyFromUtf8("{\"booking\":\"" + aggregate + "\"}")))
        .build();
  }
}
