package io.calisera.query.config;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * Axon's tracking tokens in a MongoDB collection of the read models' own database, with the claim
 * semantics of Axon's JDBC token store: a segment belongs to the node that claimed it until that
 * node releases it or stops extending its claim for {@code claimTimeout}.
 *
 * <p>One document per processor segment: {@code {_id: "name#segment", processorName, segment,
 * owner, timestamp (epoch millis), token (bytes), tokenType, tokenRevision}}, and one {@code
 * __config} document holding the storage identifier. Every change is a single-document atomic
 * operation, so no multi-document transaction is needed (mongo-java-server has none).
 *
 * <p>Keeping the tokens in the same database as the read models matters: after a crash of the
 * embedded server both roll back together. {@link #storeToken} first passes the {@link
 * DurabilityBarrier}, so that the documents written for the events a token covers are durable
 * before the token is written.
 *
 * <p>Claim times come from the service's {@code Clock}; a clock that stands still (tests) never
 * lets a claim time out, which is harmless while one process uses the store.
 */
public final class MongoTokenStore implements TokenStore {

  private static final String CONFIG_ID = "__config";

  private final MongoCollection<Document> tokens;
  private final Serializer serializer;
  private final Duration claimTimeout;
  private final String nodeId;
  private final DurabilityBarrier barrier;
  private final Clock clock;

  public MongoTokenStore(
      MongoCollection<Document> tokens,
      Serializer serializer,
      Duration claimTimeout,
      String nodeId,
      DurabilityBarrier barrier,
      Clock clock) {
    this.tokens = tokens;
    this.serializer = serializer;
    this.claimTimeout = claimTimeout;
    this.nodeId = nodeId;
    this.barrier = barrier;
    this.clock = clock;
    tokens.createIndex(
        Indexes.ascending("processorName", "segment"), new IndexOptions().name("processor"));
  }

  public String nodeId() {
    return nodeId;
  }

  @Override
  public void initializeTokenSegments(String processorName, int segmentCount) {
    initializeTokenSegments(processorName, segmentCount, null);
  }

  @Override
  public void initializeTokenSegments(
      String processorName, int segmentCount, TrackingToken initialToken) {
    if (tokens.countDocuments(eq("processorName", processorName)) > 0) {
      throw new UnableToClaimTokenException(
          "Could not initialize segments of " + processorName + ": some are already present");
    }
    List<Document> entries = new ArrayList<>();
    for (int segment = 0; segment < segmentCount; segment++) {
      entries.add(entry(processorName, segment, initialToken));
    }
    try {
      tokens.insertMany(entries);
    } catch (MongoWriteException | com.mongodb.MongoBulkWriteException e) {
      throw new UnableToClaimTokenException(
          "Could not initialize segments of " + processorName + ": some are already present");
    }
  }

  @Override
  public void initializeSegment(TrackingToken token, String processorName, int segment) {
    try {
      tokens.insertOne(entry(processorName, segment, token));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw new UnableToInitializeTokenException(
            "Segment " + segment + " of " + processorName + " already exists");
      }
      throw e;
    }
  }

  @Override
  public boolean requiresExplicitSegmentInitialization() {
    return true;
  }

  @Override
  public void storeToken(TrackingToken token, String processorName, int segment) {
    barrier.flush();
    Document serialized = serialize(token);
    long now = clock.millis();
    var result =
        tokens.updateOne(
            and(eq("_id", id(processorName, segment)), claimable(now)),
            Updates.combine(
                Updates.set("owner", nodeId),
                Updates.set("timestamp", now),
                Updates.set("token", serialized.get("token")),
                Updates.set("tokenType", serialized.get("tokenType")),
                Updates.set("tokenRevision", serialized.get("tokenRevision"))));
    if (result.getMatchedCount() == 0) {
      throw notClaimable(processorName, segment);
    }
  }

  @Override
  public TrackingToken fetchToken(String processorName, int segment) {
    long now = clock.millis();
    Document claimed =
        tokens.findOneAndUpdate(
            and(eq("_id", id(processorName, segment)), claimable(now)),
            Updates.combine(Updates.set("owner", nodeId), Updates.set("timestamp", now)),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    if (claimed == null) {
      throw notClaimable(processorName, segment);
    }
    return deserialize(claimed);
  }

  @Override
  public TrackingToken fetchToken(String processorName, Segment segment) {
    // the segment must still exist as it was: not split, not merged meanwhile
    long splitOrMerge =
        tokens.countDocuments(
            and(
                eq("processorName", processorName),
                or(
                    eq("segment", segment.splitSegmentId()),
                    eq("segment", segment.mergeableSegmentId()))));
    if (splitOrMerge != 1) {
      throw new UnableToClaimTokenException(
          "Segment " + segment.getSegmentId() + " of " + processorName + " was split or merged");
    }
    return fetchToken(processorName, segment.getSegmentId());
  }

  @Override
  public void extendClaim(String processorName, int segment) {
    var result =
        tokens.updateOne(
            and(eq("_id", id(processorName, segment)), eq("owner", nodeId)),
            Updates.set("timestamp", clock.millis()));
    if (result.getMatchedCount() == 0) {
      throw new UnableToClaimTokenException(
          "Unable to extend the claim on "
              + processorName
              + "["
              + segment
              + "]: not owned by "
              + nodeId);
    }
  }

  @Override
  public void releaseClaim(String processorName, int segment) {
    tokens.updateOne(
        and(eq("_id", id(processorName, segment)), eq("owner", nodeId)),
        Updates.combine(Updates.set("owner", null), Updates.set("timestamp", clock.millis())));
  }

  @Override
  public void deleteToken(String processorName, int segment) {
    var result = tokens.deleteOne(and(eq("_id", id(processorName, segment)), eq("owner", nodeId)));
    if (result.getDeletedCount() == 0) {
      throw new UnableToClaimTokenException(
          "Unable to delete " + processorName + "[" + segment + "]: not owned by " + nodeId);
    }
  }

  @Override
  public int[] fetchSegments(String processorName) {
    return segmentEntries(processorName).stream()
        .mapToInt(entry -> entry.getInteger("segment"))
        .toArray();
  }

  @Override
  public List<Segment> fetchAvailableSegments(String processorName) {
    List<Document> entries = segmentEntries(processorName);
    int[] all = entries.stream().mapToInt(entry -> entry.getInteger("segment")).toArray();
    long now = clock.millis();
    return entries.stream()
        .filter(entry -> mayClaim(entry, now))
        .map(entry -> Segment.computeSegment(entry.getInteger("segment"), all))
        .toList();
  }

  /**
   * Every segment's stored token, read without claiming anything (a segment that has no token yet
   * maps to {@code null}): how far the instances that own the segments have come, as far as they
   * stored it.
   */
  public Map<Integer, TrackingToken> storedTokens(String processorName) {
    Map<Integer, TrackingToken> stored = new TreeMap<>();
    for (Document entry : segmentEntries(processorName)) {
      stored.put(entry.getInteger("segment"), deserialize(entry));
    }
    return stored;
  }

  @Override
  public Optional<String> retrieveStorageIdentifier() {
    Document config =
        tokens.findOneAndUpdate(
            eq("_id", CONFIG_ID),
            Updates.setOnInsert("storageId", UUID.randomUUID().toString()),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    return Optional.of(config.getString("storageId"));
  }

  private List<Document> segmentEntries(String processorName) {
    return tokens
        .find(eq("processorName", processorName))
        .sort(Sorts.ascending("segment"))
        .into(new ArrayList<>());
  }

  private Bson claimable(long now) {
    return or(
        eq("owner", null), eq("owner", nodeId), lt("timestamp", now - claimTimeout.toMillis()));
  }

  private boolean mayClaim(Document entry, long now) {
    String owner = entry.getString("owner");
    return owner == null
        || owner.equals(nodeId)
        || entry.getLong("timestamp") < now - claimTimeout.toMillis();
  }

  private UnableToClaimTokenException notClaimable(String processorName, int segment) {
    Document entry = tokens.find(eq("_id", id(processorName, segment))).first();
    String reason =
        entry == null ? "it has not been initialized yet" : "it is owned by " + entry.get("owner");
    return new UnableToClaimTokenException(
        "Unable to claim token '" + processorName + "[" + segment + "]': " + reason);
  }

  private Document entry(String processorName, int segment, TrackingToken token) {
    return serialize(token)
        .append("_id", id(processorName, segment))
        .append("processorName", processorName)
        .append("segment", segment)
        .append("owner", null)
        .append("timestamp", clock.millis());
  }

  private Document serialize(TrackingToken token) {
    if (token == null) {
      return new Document("token", null).append("tokenType", null).append("tokenRevision", null);
    }
    SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
    return new Document("token", new Binary(serialized.getData()))
        .append("tokenType", serialized.getType().getName())
        .append("tokenRevision", serialized.getType().getRevision());
  }

  private TrackingToken deserialize(Document entry) {
    Binary data = entry.get("token", Binary.class);
    if (data == null) {
      return null;
    }
    return serializer.deserialize(
        new SimpleSerializedObject<>(
            data.getData(),
            byte[].class,
            entry.getString("tokenType"),
            entry.getString("tokenRevision")));
  }

  private static String id(String processorName, int segment) {
    return processorName + "#" + segment;
  }
}
