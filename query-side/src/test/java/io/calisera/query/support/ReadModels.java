package io.calisera.query.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Read models on the same embedded MongoDB server as production (mongo-java-server with its H2
 * backend, in memory here), fed events through the projections' real annotated handlers, each event
 * in its own unit of work with a tracking token of the next global position, and asked through a
 * query gateway that finds the real annotated query handlers.
 */
public final class ReadModels implements AutoCloseable {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final MongoServer server;
  private final MongoClient client;
  private final MongoTemplate mongo;
  private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
  private final SimpleQueryBus queryBus =
      SimpleQueryBus.builder().queryUpdateEmitter(emitter).build();
  private final QueryGateway queries = DefaultQueryGateway.builder().queryBus(queryBus).build();
  private final List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
  private final AtomicLong position = new AtomicLong(-1);

  public ReadModels() {
    this(H2Backend.inMemory());
  }

  /** On the given backend, e.g. an H2 file as in production. */
  public ReadModels(de.bwaldvogel.mongo.MongoBackend backend) {
    server = new MongoServer(backend);
    String connection = server.bindAndGetConnectionString();
    client = MongoClients.create(connection);
    mongo = new MongoTemplate(client, "test" + DATABASES.incrementAndGet());
  }

  public MongoTemplate mongo() {
    return mongo;
  }

  public SimpleQueryUpdateEmitter emitter() {
    return emitter;
  }

  public QueryGateway queries() {
    return queries;
  }

  /** Registers a projection or query handler bean: its event and query handlers. */
  public <T> T register(T bean) {
    handlers.add(new AnnotationEventHandlerAdapter(bean));
    new AnnotationQueryHandlerAdapter<>(bean).subscribe(queryBus);
    return bean;
  }

  public boolean canHandle(Class<?> eventType) {
    return handlers.stream().anyMatch(handler -> handler.canHandleType(eventType));
  }

  /** Applies events at the next global positions. */
  public void given(Object... events) {
    for (Object event : events) {
      apply(new GlobalSequenceTrackingToken(position.incrementAndGet()), event);
    }
  }

  /**
   * Applies a stored event of an aggregate's stream at the next global position, as the event store
   * delivers it: with its aggregate, sequence number, timestamp and metadata.
   */
  public void givenStored(
      String aggregateType,
      String aggregateId,
      long sequence,
      Instant timestamp,
      Map<String, ?> metaData,
      Object event) {
    apply(
        new GlobalSequenceTrackingToken(position.incrementAndGet()),
        new GenericDomainEventMessage<>(
            aggregateType,
            aggregateId,
            sequence,
            new GenericMessage<>(event, MetaData.from(metaData)),
            () -> timestamp));
  }

  /** Delivers an event again at a position already applied (as after a crash). */
  public void redeliver(long at, Object event) {
    apply(new GlobalSequenceTrackingToken(at), event);
  }

  /** Applies an event as part of a replay (its token a replay token). */
  public void replayed(long at, Object event) {
    TrackingToken current = new GlobalSequenceTrackingToken(at);
    apply(
        ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(Long.MAX_VALUE - 1), current),
        event);
  }

  public long lastPosition() {
    return position.get();
  }

  /** Wipes every read model, as a processor reset does. */
  public void reset() {
    for (AnnotationEventHandlerAdapter handler : handlers) {
      handler.prepareReset(null);
    }
  }

  /** Every document of every collection but the tokens, by collection and id: for comparisons. */
  public Map<String, Map<Object, Document>> snapshot() {
    Map<String, Map<Object, Document>> all = new TreeMap<>();
    for (String name : mongo.getCollectionNames()) {
      Map<Object, Document> documents = new TreeMap<>();
      for (Document document : mongo.getCollection(name).find()) {
        documents.put(String.valueOf(document.get("_id")), document);
      }
      all.put(name, documents);
    }
    return all;
  }

  private void apply(TrackingToken token, Object event) {
    EventMessage<?> message = GenericEventMessage.asEventMessage(event);
    TrackedEventMessage<?> tracked =
        message instanceof DomainEventMessage<?> stored
            ? new GenericTrackedDomainEventMessage<>(token, stored)
            : new GenericTrackedEventMessage<>(token, message);
    DefaultUnitOfWork.startAndGet(tracked)
        .executeWithResult(
            () -> {
              for (AnnotationEventHandlerAdapter handler : handlers) {
                if (handler.canHandle(tracked)) {
                  handler.handle(tracked);
                }
              }
              return null;
            });
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
  }
}
