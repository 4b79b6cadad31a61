package io.calisera.axonserver.query;

import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.calisera.axonserver.grpc.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Which handler streams answer a query, by query name, and the answer when none does. */
final class QueryHandlers {

  private final String nodeName;

  /** query name -> handler stream -> result names it subscribed with; guarded by itself. */
  private final Map<String, Map<QueryHandlerStream, Set<String>>> byQuery = new HashMap<>();

  QueryHandlers(String nodeName) {
    this.nodeName = nodeName;
  }

  /**
   * @return whether the stream is new among the handlers of this query
   */
  boolean subscribe(QueryHandlerStream stream, QuerySubscription subscription) {
    synchronized (byQuery) {
      Map<QueryHandlerStream, Set<String>> streams =
          byQuery.computeIfAbsent(subscription.getQuery(), name -> new LinkedHashMap<>());
      boolean newForName = !streams.containsKey(stream);
      streams.computeIfAbsent(stream, s -> new HashSet<>()).add(subscription.getResultName());
      return newForName;
    }
  }

  void unsubscribe(QueryHandlerStream stream, QuerySubscription subscription) {
    synchronized (byQuery) {
      Map<QueryHandlerStream, Set<String>> streams = byQuery.get(subscription.getQuery());
      if (streams != null) {
        Set<String> resultNames = streams.get(stream);
        if (resultNames != null) {
          resultNames.remove(subscription.getResultName());
          if (resultNames.isEmpty()) {
            streams.remove(stream);
          }
        }
        if (streams.isEmpty()) {
          byQuery.remove(subscription.getQuery());
        }
      }
    }
  }

  void remove(QueryHandlerStream stream) {
    synchronized (byQuery) {
      byQuery.values().forEach(streams -> streams.remove(stream));
      byQuery.values().removeIf(Map::isEmpty);
    }
  }

  List<QueryHandlerStream> all(String queryName) {
    synchronized (byQuery) {
      return List.copyOf(byQuery.getOrDefault(queryName, Map.of()).keySet());
    }
  }

  /** One handler instance per component, as real Axon Server does. */
  List<QueryHandlerStream> onePerComponent(String queryName) {
    var byComponent = new LinkedHashMap<String, List<QueryHandlerStream>>();
    for (QueryHandlerStream stream : all(queryName)) {
      byComponent.computeIfAbsent(stream.componentName(), c -> new ArrayList<>()).add(stream);
    }
    return byComponent.values().stream()
        .map(streams -> streams.get(ThreadLocalRandom.current().nextInt(streams.size())))
        .toList();
  }

  QueryResponse noHandler(QueryRequest request) {
    return QueryResponse.newBuilder()
        .setMessageIdentifier(UUID.randomUUID().toString())
        .setRequestIdentifier(request.getMessageIdentifier())
        .setErrorCode(ErrorCode.NO_HANDLER_FOR_QUERY.code())
        .setErrorMessage(
            ErrorCode.NO_HANDLER_FOR_QUERY.asErrorMessage(
                "No handler for query: " + request.getQuery(), nodeName))
        .build();
  }

  /** The answer of a handler that has {@code limit} bytes waiting already: retry later. */
  QueryResponse busy(QueryRequest request, long limit) {
    return QueryResponse.newBuilder()
        .setMessageIdentifier(UUID.randomUUID().toString())
        .setRequestIdentifier(request.getMessageIdentifier())
        .setErrorCode(ErrorCode.QUERY_DISPATCH_ERROR.code())
        .setErrorMessage(
            ErrorCode.QUERY_DISPATCH_ERROR.asErrorMessage(
                "A handler of "
                    + request.getQuery()
                    + " has "
                    + limit
                    + " bytes of messages waiting, the hub's limit"
                    + " (calisera.hub.stream-buffer-size); retry",
                nodeName))
        .build();
  }
}
