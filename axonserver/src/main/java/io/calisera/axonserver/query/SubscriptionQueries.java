package io.calisera.axonserver.query;

import io.axoniq.axonserver.grpc.query.SubscriptionQuery;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryRequest;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import io.calisera.axonserver.grpc.ErrorCode;
import io.calisera.axonserver.grpc.OutboundStream;
import io.grpc.stub.StreamObserver;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscription queries ({@code Subscription}): each is registered with every handler instance of
 * its query, so that updates come from whichever instance processes the event, and takes its
 * initial result from one. Handlers repeat initial results: only the first goes to the subscriber.
 */
final class SubscriptionQueries {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionQueries.class);

  private final QueryHandlers handlers;
  private final long streamBufferSize;
  private final Map<String, ActiveSubscription> subscriptions = new ConcurrentHashMap<>();

  SubscriptionQueries(QueryHandlers handlers, long streamBufferSize) {
    this.handlers = handlers;
    this.streamBufferSize = streamBufferSize;
  }

  int active() {
    return subscriptions.size();
  }

  StreamObserver<SubscriptionQueryRequest> open(
      StreamObserver<SubscriptionQueryResponse> responseObserver) {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    // only updates use the permits the subscriber grants; initial results and completion do not.
    // A subscriber that leaves too many unread loses its subscriptions, as if it had left.
    var caller =
        OutboundStream.withPermits(
            responseObserver,
            SubscriptionQueryResponse::hasUpdate,
            streamBufferSize,
            () -> ids.forEach(this::end));
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
              handlers.all(subscription.queryName()).forEach(subscription::register);
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
        ids.forEach(SubscriptionQueries.this::end);
      }

      @Override
      public void onCompleted() {
        ids.forEach(SubscriptionQueries.this::end);
        caller.complete();
      }
    };
  }

  /** An initial result, update or completion from a handler. */
  void response(SubscriptionQueryResponse response) {
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

  /** A handler subscribed to a query it did not handle before: it learns of running ones. */
  void handlerJoined(QueryHandlerStream stream, String queryName) {
    subscriptions.values().stream()
        .filter(s -> s.queryName().equals(queryName))
        .forEach(s -> s.register(stream));
  }

  void handlerLeft(QueryHandlerStream stream) {
    subscriptions.values().forEach(subscription -> subscription.handlerLeft(stream));
  }

  private static boolean validSubscription(
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
    private final Set<QueryHandlerStream> registered = new HashSet<>();
    private QueryHandlerStream initialResultFrom;
    private boolean initialResultRequested;
    private boolean initialResultSent;

    ActiveSubscription(SubscriptionQuery query, OutboundStream<SubscriptionQueryResponse> caller) {
      this.query = query;
      this.caller = caller;
    }

    String queryName() {
      return query.getQueryRequest().getQuery();
    }

    synchronized void register(QueryHandlerStream stream) {
      if (registered.add(stream)) {
        stream.send(SubscriptionQueryRequest.newBuilder().setSubscribe(query).build());
      }
    }

    synchronized void unregisterAll() {
      var unsubscribe = SubscriptionQueryRequest.newBuilder().setUnsubscribe(query).build();
      registered.stream().filter(QueryHandlerStream::isOpen).forEach(s -> s.send(unsubscribe));
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
      List<QueryHandlerStream> candidates = handlers.onePerComponent(queryName());
      if (candidates.isEmpty()) {
        initialResultSent = true;
        caller.send(
            SubscriptionQueryResponse.newBuilder()
                .setSubscriptionIdentifier(query.getSubscriptionIdentifier())
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setInitialResult(handlers.noHandler(query.getQueryRequest()))
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

    synchronized void handlerLeft(QueryHandlerStream stream) {
      registered.remove(stream);
      if (initialResultRequested && !initialResultSent && initialResultFrom == stream) {
        askForInitialResult();
      }
    }
  }
}
