package io.calisera.service.readmodel;

import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import io.calisera.api.readmodel.ReadModelPositions.ReadModelPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;

/**
 * How far each read model of the service has come, for senders that read their own writes: the bff
 * subscribes to {@link FindReadModelPositionsQuery} once and {@link ReadModelProgress} of every
 * service with {@link ReadModels} pushes every change; the answer here is the subscription's
 * initial result (and a plain query's answer).
 *
 * <p>A read model's position is the lowest over its segments. A segment this instance processes
 * counts with its processor's in-memory position, which moves only after the documents of a batch
 * are written, and also over events the read model ignores: the hub block-lists ignored event types
 * but, when a stream reaches the head, sends the last skipped event anyway, so a position reaches
 * the last token. (Against a real Axon Server, which does so only now and then, set {@code
 * axon.axonserver.event-block-listing-enabled=false} in the service.) Only when another instance
 * processes some segments are the stored tokens read ({@link ReadModels.StoredTokens}): such a
 * segment counts with its stored token, which moves with every batch it applies and, over events it
 * ignores only, at its next claim extension.
 */
public class ReadModelPositionQueries {

  private final Configuration axon;
  private final ReadModels readModels;

  public ReadModelPositionQueries(Configuration axon, ReadModels readModels) {
    this.axon = axon;
    this.readModels = readModels;
  }

  @QueryHandler
  public ReadModelPositions positions(FindReadModelPositionsQuery query) {
    return current();
  }

  /** The position of every read model now. */
  public ReadModelPositions current() {
    List<ReadModelPosition> positions = new ArrayList<>();
    for (String name : readModels.names()) {
      positions.add(new ReadModelPosition(name, position(name)));
    }
    return new ReadModelPositions(positions);
  }

  private long position(String name) {
    StreamingEventProcessor processor =
        axon.eventProcessingConfiguration()
            .eventProcessor(name, StreamingEventProcessor.class)
            .orElseThrow(() -> new IllegalStateException("No processor for " + name));
    Map<Integer, EventTrackerStatus> here = processor.processingStatus();
    Map<Integer, Long> bySegment = new TreeMap<>();
    if (!coversEverySegment(here)) {
      readModels
          .storedTokens()
          .of(name)
          .forEach((segment, token) -> bySegment.put(segment, of(token)));
    }
    for (Map.Entry<Integer, EventTrackerStatus> segment : here.entrySet()) {
      OptionalLong current = segment.getValue().getCurrentPosition();
      bySegment.merge(
          segment.getKey(), current.orElse(ReadModelPositions.NOTHING_APPLIED), Math::max);
    }
    return bySegment.values().stream()
        .mapToLong(Long::longValue)
        .min()
        .orElse(ReadModelPositions.NOTHING_APPLIED);
  }

  /** Whether the segments processed here are all there are (each covers 1/(mask+1) of them). */
  private static boolean coversEverySegment(Map<Integer, EventTrackerStatus> here) {
    long covered = 0;
    long whole = 1L << 31;
    for (EventTrackerStatus status : here.values()) {
      covered += whole / (status.getSegment().getMask() + 1L);
    }
    return !here.isEmpty() && covered == whole;
  }

  private static long of(TrackingToken token) {
    if (token == null) {
      return ReadModelPositions.NOTHING_APPLIED;
    }
    return token.position().orElse(ReadModelPositions.NOTHING_APPLIED);
  }
}
