package io.calisera.axonserver.query;

import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryRequest;
import io.calisera.axonserver.grpc.ErrorCode;
import io.calisera.axonserver.grpc.HandlerStream;
import io.grpc.stub.StreamObserver;

/**
 * A stream on which an application subscribes query handlers and answers queries and subscription
 * queries: subscriptions go to {@link QueryHandlers}, answers to the query or subscription they
 * belong to.
 */
final class QueryHandlerStream extends HandlerStream<QueryProviderOutbound, QueryProviderInbound> {

  private final QueryHandlers handlers;
  private final PointToPointQueries queries;
  private final SubscriptionQueries subscriptionQueries;
  private volatile String componentName = "";

  QueryHandlerStream(
      StreamObserver<QueryProviderInbound> observer,
      String nodeName,
      long maxQueuedBytes,
      QueryHandlers handlers,
      PointToPointQueries queries,
      SubscriptionQueries subscriptionQueries) {
    super(
        observer,
        ack -> QueryProviderInbound.newBuilder().setAck(ack).build(),
        nodeName,
        maxQueuedBytes);
    this.handlers = handlers;
    this.queries = queries;
    this.subscriptionQueries = subscriptionQueries;
  }

  /** The application's component: queries go to one handler instance per component. */
  String componentName() {
    return componentName;
  }

  /** False, and nothing sent, when the application has too much waiting already. */
  boolean offer(QueryRequest query) {
    return offer(QueryProviderInbound.newBuilder().setQuery(query).build());
  }

  void send(SubscriptionQueryRequest request) {
    send(QueryProviderInbound.newBuilder().setSubscriptionQueryRequest(request).build());
  }

  @Override
  protected InstructionAck handle(QueryProviderOutbound instruction) {
    String instructionId = instruction.getInstructionId();
    return switch (instruction.getRequestCase()) {
      case SUBSCRIBE -> subscribe(instruction.getSubscribe(), instructionId);
      case UNSUBSCRIBE -> {
        handlers.unsubscribe(this, instruction.getUnsubscribe());
        yield success(instructionId);
      }
      case FLOW_CONTROL -> grant(instruction.getFlowControl().getPermits(), instructionId);
      case QUERY_RESPONSE -> {
        queries.response(instruction.getQueryResponse());
        yield success(instructionId);
      }
      case QUERY_COMPLETE -> {
        queries.completed(instruction.getQueryComplete().getRequestId(), this);
        yield success(instructionId);
      }
      case SUBSCRIPTION_QUERY_RESPONSE -> {
        subscriptionQueries.response(instruction.getSubscriptionQueryResponse());
        yield success(instructionId);
      }
      case ACK -> null;
      default -> unsupported(instructionId, instruction.getRequestCase());
    };
  }

  private InstructionAck subscribe(QuerySubscription subscription, String instructionId) {
    if (subscription.getQuery().isEmpty()) {
      return failure(
          instructionId, ErrorCode.VALIDATION_FAILED, "Subscription without a query name");
    }
    componentName = subscription.getComponentName();
    if (handlers.subscribe(this, subscription)) {
      // a handler that arrives late still gets the subscription queries already running
      subscriptionQueries.handlerJoined(this, subscription.getQuery());
    }
    return success(instructionId);
  }

  @Override
  protected void closed() {
    handlers.remove(this);
    queries.handlerLeft(this);
    subscriptionQueries.handlerLeft(this);
  }
}
