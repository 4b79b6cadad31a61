package io.calisera.query.admin;

import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import io.calisera.api.readmodel.ReadModelPositions.ReadModelPosition;
import io.calisera.query.config.MongoTokenStore;
import io.calisera.query.config.ProcessingGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * How far each read model has come, for senders that read their own writes (the bff waits until
 * every read model has reached the event store's last token after its command).
 *
 * <p>A read model's position is the lowest over its segments. A segment this instance processes
 * counts with its processor's in-memory position, which moves only after the documents of a batch
 * are written, and also over events the read model ignores: the hub block-lists ignored event types
 * but, when a stream reaches the head, sends the last skipped event anyway, so a position reaches
 * the last token. (Against a real Axon Server, which does so only now and then, set {@code
 * axon.axonserver.event-block-listing-enabled=false} here.) A segment another instance processes
 * counts with its stored token, which moves with every batch it applies and, over events it ignores
 * only, at its next claim extension.
 */
@Component
public class ReadModelPositionQueries {

  private final Configuration axon;
  private final TokenStore tokenStore;

  public ReadModelPositionQueries(Configuration axon, TokenStore tokenStore) {
    this.axon = axon;
    this.tokenStore = tokenStore;
  }

  @QueryHandler
  public ReadModelPositions positions(FindReadModelPositionsQuery query) {
    List<ReadModelPosition> positions = new ArrayList<>();
    for (String name : ProcessingGroups.ALL) {
      positions.add(new ReadModelPosition(name, position(name)));
    }
    return new ReadModelPositions(positions);
  }

  private long position(String name) {
    StreamingEventProcessor processor =
        axon.eventProcessingConfiguration()
            .eventProcessor(name, StreamingEventProcessor.class)
            .orElseThrow(() -> new IllegalStateException("No processor for " + name));
    Map<Integer, Long> bySegment = new TreeMap<>();
    if (tokenStore instanceof MongoTokenStore mongo) {
      mongo.storedTokens(name).forEach((segment, token) -> bySegment.put(segment, of(token)));
    } else {
      for (int segment : tokenStore.fetchSegments(name)) {
        bySegment.put(segment, ReadModelPositions.NOTHING_APPLIED);
      }
    }
    for (Map.Entry<Integer, EventTrackerStatus> here : processor.processingStatus().entrySet()) {
      OptionalLong current = here.getValue().getCurrentPosition();
      if (current.isPresent()) {
        bySegment.merge(here.getKey(), current.getAsLong(), Math::max);
      }
    }
    return bySegment.values().stream()
        .mapToLong(Long::longValue)
        .min()
        .orElse(ReadModelPositions.NOTHING_APPLIED);
  }

  private static long of(TrackingToken token) {
    if (token == null) {
      return ReadModelPositions.NOTHING_APPLIED;
    }
    return token.position().orElse(ReadModelPositions.NOTHING_APPLIED);
  }
}
