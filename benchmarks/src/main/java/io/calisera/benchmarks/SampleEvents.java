package io.calisera.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The one event shape of every workload: a booking event of about 200 bytes of JSON, its aggregate
 * id and sequence number, and the correlation and trace ids a command handler adds as metadata.
 */
final class SampleEvents {

  /** The business time of every sample event: fixed, as event data (not a measurement). */
  static final long TIMESTAMP_MILLIS = 1_795_564_800_000L; // 2026-11-25T00:00:00Z

  static final String AGGREGATE_TYPE = "Booking";
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JacksonSerializer SERIALIZER =
      JacksonSerializer.builder().objectMapper(MAPPER).build();

  private static final Instant START = Instant.parse("2026-03-02T09:30:00Z");

  /** The payload, about 200 bytes as JSON. */
  record BookingPlaced(
      String bookingId,
      String providerId,
      String customerId,
      String serviceId,
      String start,
      String end,
      String timeZone,
      String channel) {}

  private SampleEvents() {}

  static BookingPlaced payload(String aggregateId, long sequence) {
    int hash = aggregateId.hashCode() & 0x7fffffff;
    Instant start = START.plus((hash % 10_000) * 15L + sequence, ChronoUnit.MINUTES);
    return new BookingPlaced(
        aggregateId,
        "provider-" + zeroPadded(hash % 100_000, 6),
        "customer-" + zeroPadded(hash % 10_000_000, 8),
        "service-" + zeroPadded(hash % 100, 3),
        start.toString(),
        start.plus(45, ChronoUnit.MINUTES).toString(),
        "Europe/Amsterdam",
        "web");
  }

  /**
   * {@code String.format("%0" + width + "d", value)} without the formatter, which cost the writers
   * of the benchmark more CPU than the rest of building an event.
   */
  private static String zeroPadded(int value, int width) {
    String digits = Integer.toString(value);
    return "0".repeat(Math.max(0, width - digits.length())) + digits;
  }

  static MetaData metaData() {
    String correlation = randomId();
    return MetaData.with("correlationId", correlation).and("traceId", correlation);
  }

  /** What a command handler hands to Axon's event store. */
  static GenericDomainEventMessage<BookingPlaced> message(String aggregateId, long sequence) {
    return new GenericDomainEventMessage<>(
        AGGREGATE_TYPE, aggregateId, sequence, payload(aggregateId, sequence), metaData());
  }

  /** The same event as Axon's Axon Server connector sends it (what the hub stores). */
  static Event protoEvent(String aggregateId, long sequence) {
    byte[] json = json(aggregateId, sequence);
    String correlation = randomId();
    return Event.newBuilder()
        .setMessageIdentifier(randomId())
        .setAggregateIdentifier(aggregateId)
        .setAggregateSequenceNumber(sequence)
        .setAggregateType(AGGREGATE_TYPE)
        .setTimestamp(TIMESTAMP_MILLIS)
        .setPayload(
            SerializedObject.newBuilder()
                .setType(BookingPlaced.class.getName())
                .setData(ByteString.copyFrom(json)))
        .putAllMetaData(
            Map.of(
                "correlationId", MetaDataValue.newBuilder().setTextValue(correlation).build(),
                "traceId", MetaDataValue.newBuilder().setTextValue(correlation).build()))
        .build();
  }

  /** The payload as JSON, as a command or an event carries it. */
  static byte[] json(String aggregateId, long sequence) {
    try {
      return MAPPER.writeValueAsBytes(payload(aggregateId, sequence));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A random UUID without {@code UUID.randomUUID()}'s shared {@code SecureRandom}. */
  static String randomId() {
    var random = ThreadLocalRandom.current();
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /**
   * Hands out (aggregate, sequence) pairs for one writer: {@code perAggregate} events to an
   * aggregate of its own, then the next aggregate, like commands that create and change bookings.
   */
  static final class Cursor {
    private final String prefix;
    private final int perAggregate;
    private long aggregate;
    private long sequence = -1;

    Cursor(String prefix, int perAggregate) {
      this.prefix = prefix;
      this.perAggregate = perAggregate;
    }

    /** Moves to the next event; then {@link #aggregateId()} and {@link #sequence()} name it. */
    void advance() {
      sequence++;
      if (sequence == perAggregate) {
        aggregate++;
        sequence = 0;
      }
    }

    String aggregateId() {
      return prefix + "-" + aggregate;
    }

    long sequence() {
      return sequence;
    }
  }
}
