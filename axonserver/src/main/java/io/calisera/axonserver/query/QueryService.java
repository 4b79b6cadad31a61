package io.calisera.axonserver.query;

import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.query.QueryComplete;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.axoniq.axonserver.grpc.query.SubscriptionQuery;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryRequest;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import io.calisera.axonserver.grpc.ErrorCode;
import io.calisera.axonserver.grpc.OutboundStream;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes queries to handler streams: point-to-point and scatter-gather queries go to one handler
 * instance per component and gather answers until the expected number arrived, every handler
 * completed, or the query's timeout ran out; subscription queries are registered with every
 * instance (updates come from whichever processes the event) and take their initial result from
 * one. Handlers repeat responses, completes and initial results: everything here is idempotent.
 */
public final class QueryService extends QueryServiceGrpc.QueryServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(QueryService.class);

  private final String nodeName;
  private final Duration defaultTimeout;
  private final ScheduledExecutorService timer;

  /** query name -> handler stream -> result names it subscribed with; guarded by itself. */
  private final Map<String, Map<HandlerStream, Set<String>>> handlers = new HashMap<>();

  private final Map<String, PendingQuery> pending = new ConcurrentHashMap<>();
  private final Map<String, ActiveSubscription> subscriptions = new ConcurrentHashMap<>();

  public QueryService(String nodeName, Duration defaultTimeout, ScheduledExecutorService timer) {
    this.nodeName = nodeName;
    this.defaultTimeout = defaultTimeout;
    this.timer = timer;
  }

  private static final class HandlerStream {
    final OutboundStream<QueryProviderInbound> outbound;
    volatile String componentName = "";
    volatile boolean open = true;

    HandlerStream(OutboundStream<QueryProviderInbound> outbound) {
      this.outbound = outbound;
    }

    void send(QueryRequest query) {
      outbound.send(QueryProviderInbound.newBuilder().setQuery(query).build());
    }

    void send(SubscriptionQueryRequest request) {
      outbound.send(QueryProviderInbound.newBuilder().setSubscriptionQueryRequest(request).build());
    }
  }

  public int pendingQueries() {
    return pending.size();
  }

  public int activeSubscriptionQueries() {
    return subscriptions.size();
  }

  // ---------------------------------------------------------------- handler side

  @Override
  public StreamObserver<QueryProviderOutbound> openStream(
      StreamObserver<QueryProviderInbound> responseObserver) {
    var stream = new HandlerStream(OutboundStream.withPermits(responseObserver));
    return new StreamObserver<>() {
      @Override
      public void onNext(QueryProviderOutbound message) {
        String instructionId = message.getInstructionId();
        InstructionAck ack =
            switch (message.getRequestCase()) {
              case SUBSCRIBE -> subscribe(stream, message.getSubscribe(), instructionId);
              case UNSUBSCRIBE -> unsubscribe(stream, message.getUnsubscribe(), instructionId);
              case FLOW_CONTROL -> {
                stream.outbound.grant(message.getFlowControl().getPermits());
                yield success(instructionId);
              }
              case QUERY_RESPONSE -> {
                PendingQuery query = pending.get(message.getQueryResponse().getRequestIdentifier());
                if (query != null) {
                  query.response(message.getQueryResponse());
                }
                yield success(instructionId);
              }
              case QUERY_COMPLETE -> {
                QueryComplete complete = message.getQueryComplete();
                PendingQuery query = pending.get(complete.getRequestId());
                if (query != null) {
                  query.completedBy(stream);
                }
                yield success(instructionId);
              }
              case SUBSCRIPTION_QUERY_RESPONSE -> {
                subscriptionResponse(message.getSubscriptionQueryResponse());
                yield success(instructionId);
              }
              case ACK -> null;
              default ->
                  failure(
                      instructionId,
                      ErrorCode.UNSUPPORTED_INSTRUCTION,
                      "Unsupported instruction " + message.getRequestCase());
            };
        if (ack != null && !instructionId.isEmpty()) {
          stream.outbound.send(QueryProviderInbound.newBuilder().setAck(ack).build());
        }
      }

      @Override
      public void onError(Throwable t) {
        stream.outbound.abandon();
        closed(stream);
      }

      @Override
      public void onCompleted() {
        closed(stream);
        stream.outbound.complete();
      }
    };
  }

  private InstructionAck subscribe(
      HandlerStream stream, QuerySubscription subscription, String instructionId) {
    if (subscription.getQuery().isEmpty()) {
      return failure(
          instructionId, ErrorCode.VALIDATION_FAILED, "Subscription without a query name");
    }
    stream.componentName = subscription.getComponentName();
    boolean newForName;
    synchronized (handlers) {
      Map<HandlerStream, Set<String>> streams =
          handlers.computeIfAbsent(subscription.getQuery(), name -> new LinkedHashMap<>());
      newForName = !streams.containsKey(stream);
      streams.computeIfAbsent(stream, s -> new HashSet<>()).add(subscription.getResultName());
    }
    if (newForName) {
      // a handler that arrives late still gets the subscription queries already running
      subscriptions.values().stream()
          .filter(s -> s.queryName().equals(subscription.getQuery()))
          .forEach(s -> s.register(stream));
    }
    return success(instructionId);
  }

  private InstructionAck unsubscribe(
      HandlerStream stream, QuerySubscription subscription, String instructionId) {
    synchronized (handlers) {
      Map<HandlerStream, Set<String>> streams = handlers.get(subscription.getQuery());
      if (streams != null) {
        Set<String> resultNames = streams.get(stream);
        if (resultNames != null) {
          resultNames.remove(subscription.getResultName());
          if (resultNames.isEmpty()) {
            streams.remove(stream);
          }
        }
        if (streams.isEmpty()) {
          handlers.remove(subscription.getQuery());
        }
      }
    }
    return success(instructionId);
  }

  private void closed(HandlerStream stream) {
    stream.open = false;
    synchronized (handlers) {
      handlers.values().forEach(streams -> streams.remove(stream));
      handlers.values().removeIf(Map::isEmpty);
    }
    pending.values().forEach(query -> query.completedBy(stream));
    subscriptions.values().forEach(subscription -> subscription.handlerLeft(stream));
  }

  private List<HandlerStream> allHandlers(String queryName) {
    synchronized (handlers) {
      return List.copyOf(handlers.getOrDefault(queryName, Map.of()).keySet());
    }
  }

  /** One handler instance per component, as real Axon Server does. */
  private List<HandlerStream> oneHandlerPerComponent(String queryName) {
    var byComponent = new LinkedHashMap<String, List<HandlerStream>>();
    for (HandlerStream stream : allHandlers(queryName)) {
      byComponent.computeIfAbsent(stream.componentName, c -> new ArrayList<>()).add(stream);
    }
    return byComponent.values().stream()
        .map(streams -> streams.get(ThreadLocalRandom.current().nextInt(streams.size())))
        .toList();
  }

  // ---------------------------------------------------------------- point-to-point and
  // scatter-gather

  @Override
  public void query(QueryRequest request, StreamObserver<QueryResponse> responseObserver) {
    String id = request.getMessageIdentifier();
    if (id.isEmpty() || request.getQuery().isEmpty()) {
      responseObserver.onError(
          ErrorCode.VALIDATION_FAILED.asException(
              "A query needs a message_identifier and a query name"));
      return;
    }
    var caller = OutboundStream.unlimited(responseObserver);
    List<HandlerStream> targets = oneHandlerPerComponent(request.getQuery());
    if (targets.isEmpty()) {
      caller.send(noHandler(request));
      caller.complete();
      return;
    }
    long expected =
        instruction(request.getProcessingInstructionsList(), ProcessingKey.NR_OF_RESULTS, -1);
    long timeoutMillis =
        instruction(
            request.getProcessingInstructionsList(),
            ProcessingKey.TIMEOUT,
            defaultTimeout.toMillis());
    var query = new PendingQuery(id, caller, expected, targets);
    if (pending.putIfAbsent(id, query) != null) {
      responseObserver.onError(
          ErrorCode.VALIDATION_FAILED.asException("Query " + id + " is already running"));
      return;
    }
    query.timeout =
        timer.schedule(query::finish, Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS);
    if (responseObserver instanceof ServerCallStreamObserver<QueryResponse> call) {
      call.setOnCancelHandler(query::finish);
    }
    for (HandlerStream target : targets) {
      target.send(request);
      if (!target.open) {
        query.completedBy(target);
      }
    }
  }

  private final class PendingQuery {
    private final String id;
    private final OutboundStream<QueryResponse> caller;
    private final long expected;
    private final Set<HandlerStream> waitingFor;
    private final Set<String> seenResponses = new HashSet<>();
    private long sent;
    private boolean done;
    volatile ScheduledFuture<?> timeout;

    PendingQuery(
        String id,
        OutboundStream<QueryResponse> caller,
        long expected,
        List<HandlerStream> targets) {
      this.id = id;
      this.caller = caller;
      this.expected = expected;
      this.waitingFor = new HashSet<>(targets);
    }

    synchronized void response(QueryResponse response) {
      if (done || !seenResponses.add(response.getMessageIdentifier())) {
        return;
      }
      caller.send(response);
      sent++;
      if (expected > 0 && sent >= expected) {
        finish();
      }
    }

    synchronized void completedBy(HandlerStream stream) {
      if (waitingFor.remove(stream) && waitingFor.isEmpty()) {
        finish();
      }
    }

    synchronized void finish() {
      if (done) {
        return;
      }
      done = true;
      pending.remove(id, this);
      ScheduledFuture<?> task = timeout;
      if (task != null) {
        task.cancel(false);
      }
      caller.complete();
    }
  }

  // ---------------------------------------------------------------- subscription queries

  @Override
  public StreamObserver<SubscriptionQueryRequest> subscription(
      StreamObserver<SubscriptionQueryResponse> responseObserver) {
    // only updates use the permits the subscriber grants; initial results and completion do not
    var caller = OutboundStream.withPermits(responseObserver, SubscriptionQueryResponse::hasUpdate);
    Set<String> ids = ConcurrentHashMap.newKeySet();
    return new StreamObserver<>() {
      @Override
      public void onNext(SubscriptionQueryRequest request) {
        switch (request.getRequestCase()) {
          case FLOW_CONTROL -> caller.grant(request.getFlowControl().getNumberOfPermits());
          case SUBSCRIBE -> {
            SubscriptionQuery query = request.getSubscribe();
            if (!validSubscription(query, caller)) {
              return;
            }
            caller.grant(query.getNumberOfPermits());
            var subscription = new ActiveSubscription(query, caller);
            if (subscriptions.putIfAbsent(query.getSubscriptionIdentifier(), subscription)
                == null) {
              ids.add(query.getSubscriptionIdentifier());
              allHandlers(subscription.queryName()).forEach(subscription::register);
            }
          }
          case GET_INITIAL_RESULT -> {
            SubscriptionQuery query = request.getGetInitialResult();
            if (!validSubscription(query, caller)) {
              return;
            }
            ActiveSubscription subscription =
                subscriptions.computeIfAbsent(
                    query.getSubscriptionIdentifier(), i -> new ActiveSubscription(query, caller));
            ids.add(query.getSubscriptionIdentifier());
            subscription.requestInitialResult();
          }
          case UNSUBSCRIBE -> {
            end(request.getUnsubscribe().getSubscriptionIdentifier());
            caller.complete();
          }
          default -> log.debug("Ignored subscription request {}", request.getRequestCase());
        }
      }

      @Override
      public void onError(Throwable t) {
        caller.abandon();
        ids.forEach(QueryService.this::end);
      }

      @Override
      public void onCompleted() {
        ids.forEach(QueryService.this::end);
        caller.complete();
      }
    };
  }

  private boolean validSubscription(
      SubscriptionQuery query, OutboundStream<SubscriptionQueryResponse> caller) {
    if (query.getSubscriptionIdentifier().isEmpty()
        || query.getQueryRequest().getQuery().isEmpty()) {
      caller.fail(
          ErrorCode.VALIDATION_FAILED.asException(
              "A subscription query needs a subscription_identifier and a query name"));
      return false;
    }
    return true;
  }

  private void subscriptionResponse(SubscriptionQueryResponse response) {
    ActiveSubscription subscription = subscriptions.get(response.getSubscriptionIdentifier());
    if (subscription == null) {
      return; // late update after the subscriber left
    }
    switch (response.getResponseCase()) {
      case INITIAL_RESULT -> subscription.initialResult(response);
      case UPDATE -> subscription.caller.send(response);
      case COMPLETE, COMPLETE_EXCEPTIONALLY -> {
        subscription.caller.send(response);
        end(response.getSubscriptionIdentifier());
        subscription.caller.complete();
      }
      default -> log.debug("Ignored subscription response {}", response.getResponseCase());
    }
  }

  /** Ends a subscription: every handler that knew of it is told to forget it. Idempotent. */
  private void end(String subscriptionId) {
    ActiveSubscription subscription = subscriptions.remove(subscriptionId);
    if (subscription != null) {
      subscription.unregisterAll();
    }
  }

  private final class ActiveSubscription {
    private final SubscriptionQuery query;
    private final OutboundStream<SubscriptionQueryResponse> caller;
    private final Set<HandlerStream> registered = new HashSet<>();
    private HandlerStream initialResultFrom;
    private boolean initialResultRequested;
    private boolean initialResultSent;

    ActiveSubscription(SubscriptionQuery query, OutboundStream<SubscriptionQueryResponse> caller) {
      this.query = query;
      this.caller = caller;
    }

    String queryName() {
      return query.getQueryRequest().getQuery();
    }

    synchronized void register(HandlerStream stream) {
      if (registered.add(stream)) {
        stream.send(SubscriptionQueryRequest.newBuilder().setSubscribe(query).build());
      }
    }

    synchronized void unregisterAll() {
      var unsubscribe = SubscriptionQueryRequest.newBuilder().setUnsubscribe(query).build();
      registered.stream().filter(s -> s.open).forEach(s -> s.send(unsubscribe));
      registered.clear();
    }

    synchronized void requestInitialResult() {
      initialResultRequested = true;
      askForInitialResult();
    }

    private void askForInitialResult() {
      if (initialResultSent) {
        return;
      }
      List<HandlerStream> candidates = oneHandlerPerComponent(queryName());
      if (candidates.isEmpty()) {
        initialResultSent = true;
        caller.send(
            SubscriptionQueryResponse.newBuilder()
                .setSubscriptionIdentifier(query.getSubscriptionIdentifier())
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setInitialResult(noHandler(query.getQueryRequest()))
                .build());
        return;
      }
      initialResultFrom = candidates.get(0);
      initialResultFrom.send(
          SubscriptionQueryRequest.newBuilder().setGetInitialResult(query).build());
    }

    synchronized void initialResult(SubscriptionQueryResponse response) {
      if (!initialResultSent) {
        initialResultSent = true;
        caller.send(response);
      }
    }

    synchronized void handlerLeft(HandlerStream stream) {
      registered.remove(stream);
      if (initialResultRequested && !initialResultSent && initialResultFrom == stream) {
        askForInitialResult();
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private QueryResponse noHandler(QueryRequest request) {
    return QueryResponse.newBuilder()
        .setMessageIdentifier(UUID.randomUUID().toString())
        .setRequestIdentifier(request.getMessageIdentifier())
        .setErrorCode(ErrorCode.NO_HANDLER_FOR_QUERY.code())
        .setErrorMessage(
            ErrorCode.NO_HANDLER_FOR_QUERY.asErrorMessage(
                "No handler for query: " + request.getQuery(), nodeName))
        .build();
  }

  private static long instruction(
      List<ProcessingInstruction> instructions, ProcessingKey key, long fallback) {
    for (ProcessingInstruction instruction : instructions) {
      if (instruction.getKey() == key && instruction.getValue().hasNumberValue()) {
        return instruction.getValue().getNumberValue();
      }
    }
    return fallback;
  }

  private static InstructionAck success(String instructionId) {
    return InstructionAck.newBuilder().setInstructionId(instructionId).setSuccess(true).build();
  }

  private InstructionAck failure(String instructionId, ErrorCode code, String message) {
    return InstructionAck.newBuilder()
        .setInstructionId(instructionId)
        .setSuccess(false)
        .setError(code.asErrorMessage(message, nodeName))
        .build();
  }
}
