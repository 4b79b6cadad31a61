package io.calisera.query.slots;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The live bookings of each provider, one document per provider and UTC month (of the occupied
 * range's start): {@code {_id: "providerId|2026-03", providerId, month, ranges: <bytes>,
 * position}}, where {@code ranges} packs {@code [from, until)} pairs of epoch seconds as big-endian
 * longs. A slot query reads the three or four months around its range by {@code _id} and decodes
 * plain bytes: no scan of booking documents, no per-booking objects in the store.
 *
 * <p>The ranges form a multiset: a booking adds its range, its end (cancelled, declined, completed,
 * no-show, moved) removes one equal range. {@code position} is the last event applied to the
 * document.
 */
@Component
class Occupancy {

  static final String COLLECTION = "occupancy";
  private static final int PAIR_BYTES = 2 * Long.BYTES;

  /** A range to add to or remove from a provider's occupancy. */
  record Change(OccupiedRange range, boolean add) {}

  private final MongoCollection<Document> documents;

  Occupancy(MongoTemplate mongo) {
    this.documents = mongo.getCollection(COLLECTION);
  }

  /**
   * Applies the changes of one event, each month's document at most once, unless that document has
   * seen the event already.
   */
  void apply(String providerId, List<Change> changes, long position) {
    Map<String, List<Change>> byMonth = new LinkedHashMap<>();
    for (Change change : changes) {
      byMonth
          .computeIfAbsent(id(providerId, change.range().from()), k -> new ArrayList<>())
          .add(change);
    }
    byMonth.forEach(
        (id, monthChanges) -> {
          Document current = documents.find(eq("_id", id)).first();
          if (current != null && current.getLong("position") >= position) {
            return;
          }
          List<long[]> ranges = current == null ? new ArrayList<>() : decodeList(current);
          for (Change change : monthChanges) {
            long[] pair = {change.range().from(), change.range().until()};
            if (change.add()) {
              ranges.add(pair);
            } else {
              removeOne(ranges, pair);
            }
          }
          Document next =
              new Document("_id", id)
                  .append("providerId", providerId)
                  .append("month", month(monthChanges.get(0).range().from()).toString())
                  .append("ranges", encode(ranges))
                  .append("position", position);
          documents.replaceOne(eq("_id", id), next, new ReplaceOptions().upsert(true));
        });
  }

  /**
   * Every live range of the provider that starts in {@code [from, until)}, widened to whole UTC
   * months, as {@code [from0, until0, from1, until1, ...]}.
   */
  long[] ranges(String providerId, Instant from, Instant until) {
    List<String> ids = new ArrayList<>();
    for (YearMonth month = month(from.getEpochSecond());
        !month.isAfter(month(until.getEpochSecond()));
        month = month.plusMonths(1)) {
      ids.add(providerId + "|" + month);
    }
    List<byte[]> packed = new ArrayList<>(ids.size());
    int length = 0;
    for (Document document : documents.find(in("_id", ids))) {
      byte[] bytes = document.get("ranges", Binary.class).getData();
      packed.add(bytes);
      length += bytes.length / Long.BYTES;
    }
    long[] all = new long[length];
    int next = 0;
    for (byte[] bytes : packed) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        all[next++] = buffer.getLong();
      }
    }
    return all;
  }

  void clear() {
    documents.deleteMany(new Document());
  }

  private static void removeOne(List<long[]> ranges, long[] pair) {
    for (int i = 0; i < ranges.size(); i++) {
      if (ranges.get(i)[0] == pair[0] && ranges.get(i)[1] == pair[1]) {
        ranges.remove(i);
        return;
      }
    }
  }

  private static List<long[]> decodeList(Document document) {
    ByteBuffer buffer = ByteBuffer.wrap(document.get("ranges", Binary.class).getData());
    List<long[]> ranges = new ArrayList<>(buffer.remaining() / PAIR_BYTES + 1);
    while (buffer.hasRemaining()) {
      ranges.add(new long[] {buffer.getLong(), buffer.getLong()});
    }
    return ranges;
  }

  private static Binary encode(List<long[]> ranges) {
    ByteBuffer buffer = ByteBuffer.allocate(ranges.size() * PAIR_BYTES);
    for (long[] pair : ranges) {
      buffer.putLong(pair[0]).putLong(pair[1]);
    }
    return new Binary(buffer.array());
  }

  private static String id(String providerId, long from) {
    return providerId + "|" + month(from);
  }

  private static YearMonth month(long epochSecond) {
    return YearMonth.from(Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC));
  }
}
