package io.calisera.axonserver.query;

import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryRequest;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The query service's calls: handler streams ({@link QueryHandlerStream}, registered in {@link
 * QueryHandlers}), point-to-point and scatter-gather queries ({@link PointToPointQueries}) and
 * subscription queries ({@link SubscriptionQueries}).
 */
public final class QueryService extends QueryServiceGrpc.QueryServiceImplBase {

  private final String nodeName;
  private final long streamBufferSize;
  private final QueryHandlers handlers;
  private final PointToPointQueries queries;
  private final SubscriptionQueries subscriptionQueries;

  /**
   * @param streamBufferSize the most bytes waiting on one stream to a client (see {@link
   *     io.calisera.axonserver.grpc.OutboundStream})
   */
  public QueryService(
      String nodeName,
      Duration defaultTimeout,
      ScheduledExecutorService timer,
      long streamBufferSize) {
    this.nodeName = nodeName;
    this.streamBufferSize = streamBufferSize;
    this.handlers = new QueryHandlers(nodeName);
    this.queries = new PointToPointQueries(handlers, defaultTimeout, timer, streamBufferSize);
    this.subscriptionQueries = new SubscriptionQueries(handlers, streamBufferSize);
  }

  public int pendingQueries() {
    return queries.pending();
  }

  public int activeSubscriptionQueries() {
    return subscriptionQueries.active();
  }

  @Override
  public StreamObserver<QueryProviderOutbound> openStream(
      StreamObserver<QueryProviderInbound> responseObserver) {
    return new QueryHandlerStream(
        responseObserver, nodeName, streamBufferSize, handlers, queries, subscriptionQueries);
  }

  @Override
  public void query(QueryRequest request, StreamObserver<QueryResponse> responseObserver) {
    queries.query(request, responseObserver);
  }

  @Override
  public StreamObserver<SubscriptionQueryRequest> subscription(
      StreamObserver<SubscriptionQueryResponse> responseObserver) {
    return subscriptionQueries.open(responseObserver);
  }
}
