package io.calisera.query.admin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.calisera.query.config.DurabilityBarrier;
import io.calisera.query.config.ProcessingGroups;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds read models from the event history: the processor stops, its read model is wiped (its
 * {@code @ResetHandler}), its token goes back to the start, and it starts again, replaying every
 * event. Meant to be driven by the bff's admin endpoint later (docs/api.md, not built yet: {@code
 * POST /api/v1/admin/projections/{name}/replay} and its {@code GET}).
 *
 * <p>Wiping and resetting the token are two writes without a transaction. A marker document is
 * written (durably) before and removed after; a start that finds a marker (a crash in between)
 * replays that read model again, so a wiped read model never stays behind an old token.
 *
 * <p>With several query-side instances, every instance must stop its processor first; this hook
 * handles the one instance it runs in.
 */
@Component
public class ProjectionAdmin {

  /** Progress of a read model: {@code state} is RUNNING, REPLAYING or STOPPED. */
  public record ProjectionStatus(String name, String state, Long position, Long headPosition) {}

  static final String MARKERS = "replays";
  private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);

  private final Configuration axon;
  private final MongoCollection<Document> markers;
  private final DurabilityBarrier barrier;

  public ProjectionAdmin(
      Configuration axon, MongoTemplate mongo, ObjectProvider<DurabilityBarrier> barrier) {
    this.axon = axon;
    this.markers = mongo.getCollection(MARKERS);
    this.barrier = barrier.getIfAvailable(() -> DurabilityBarrier.NONE);
  }

  public List<String> names() {
    return ProcessingGroups.ALL;
  }

  /** Wipes the read model and replays the whole history into it; returns at once. */
  public synchronized void replay(String name) {
    StreamingEventProcessor processor = processor(name);
    markers.replaceOne(
        Filters.eq("_id", name), new Document("_id", name), new ReplaceOptions().upsert(true));
    barrier.flush();
    processor.shutDown();
    processor.resetTokens();
    barrier.flush();
    markers.deleteOne(Filters.eq("_id", name));
    processor.start();
    log.info("Replaying read model {} from the start of the event history", name);
  }

  public ProjectionStatus status(String name) {
    StreamingEventProcessor processor = processor(name);
    Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
    Long position =
        segments.values().stream()
            .map(EventTrackerStatus::getCurrentPosition)
            .filter(OptionalLong::isPresent)
            .map(OptionalLong::getAsLong)
            .min(Long::compare)
            .orElse(null);
    String state =
        !processor.isRunning() ? "STOPPED" : processor.isReplaying() ? "REPLAYING" : "RUNNING";
    return new ProjectionStatus(name, state, position, headPosition());
  }

  /** A replay that a crash interrupted between wipe and token reset is done again. */
  @EventListener(ApplicationReadyEvent.class)
  public void finishInterruptedReplays() {
    for (Document marker : markers.find()) {
      String name = marker.getString("_id");
      log.warn("Replay of {} was interrupted; replaying it again", name);
      replay(name);
    }
  }

  private Long headPosition() {
    TrackingToken head = axon.getComponent(EventStore.class).createHeadToken();
    return head == null ? null : head.position().stream().boxed().findFirst().orElse(null);
  }

  private StreamingEventProcessor processor(String name) {
    if (!ProcessingGroups.ALL.contains(name)) {
      throw new IllegalArgumentException("No read model " + name + "; known: " + names());
    }
    return axon.eventProcessingConfiguration()
        .eventProcessor(name, StreamingEventProcessor.class)
        .orElseThrow(() -> new IllegalStateException("No processor for " + name));
  }
}
