package io.calisera.axonserver.query;

import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.calisera.axonserver.grpc.ErrorCode;
import io.calisera.axonserver.grpc.OutboundStream;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Point-to-point and scatter-gather queries ({@code Query}): a query goes to one handler instance
 * per component, and its answers go back to the caller until the expected number arrived, every
 * handler completed, or the query's timeout ran out. Handlers repeat responses and completes: both
 * are idempotent here.
 */
final class PointToPointQueries {

  private final QueryHandlers handlers;
  private final Duration defaultTimeout;
  private final ScheduledExecutorService timer;
  private final long streamBufferSize;
  private final Map<String, PendingQuery> pending = new ConcurrentHashMap<>();

  PointToPointQueries(
      QueryHandlers handlers,
      Duration defaultTimeout,
      ScheduledExecutorService timer,
      long streamBufferSize) {
    this.handlers = handlers;
    this.defaultTimeout = defaultTimeout;
    this.timer = timer;
    this.streamBufferSize = streamBufferSize;
  }

  int pending() {
    return pending.size();
  }

  void query(QueryRequest request, StreamObserver<QueryResponse> responseObserver) {
    String id = request.getMessageIdentifier();
    if (id.isEmpty() || request.getQuery().isEmpty()) {
      responseObserver.onError(
          ErrorCode.VALIDATION_FAILED.asException(
              "A query needs a message_identifier and a query name"));
      return;
    }
    // a caller that does not read the answers ends the query, as if it had cancelled it
    var caller =
        OutboundStream.withoutPermits(
            responseObserver, streamBufferSize, () -> finishUnanswered(id));
    List<QueryHandlerStream> targets = handlers.onePerComponent(request.getQuery());
    if (targets.isEmpty()) {
      caller.send(handlers.noHandler(request));
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
    for (QueryHandlerStream target : targets) {
      if (!target.offer(request)) {
        query.response(handlers.busy(request, streamBufferSize));
        query.completedBy(target);
      } else if (!target.isOpen()) {
        query.completedBy(target);
      }
    }
  }

  private void finishUnanswered(String id) {
    PendingQuery query = pending.get(id);
    if (query != null) {
      query.finish();
    }
  }

  void response(QueryResponse response) {
    PendingQuery query = pending.get(response.getRequestIdentifier());
    if (query != null) {
      query.response(response);
    }
  }

  void completed(String queryId, QueryHandlerStream by) {
    PendingQuery query = pending.get(queryId);
    if (query != null) {
      query.completedBy(by);
    }
  }

  void handlerLeft(QueryHandlerStream stream) {
    pending.values().forEach(query -> query.completedBy(stream));
  }

  private final class PendingQuery {
    private final String id;
    private final OutboundStream<QueryResponse> caller;
    private final long expected;
    private final Set<QueryHandlerStream> waitingFor;
    private final Set<String> seenResponses = new HashSet<>();
    private long sent;
    private boolean done;
    volatile ScheduledFuture<?> timeout;

    PendingQuery(
        String id,
        OutboundStream<QueryResponse> caller,
        long expected,
        List<QueryHandlerStream> targets) {
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

    synchronized void completedBy(QueryHandlerStream stream) {
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

  private static long instruction(
      List<ProcessingInstruction> instructions, ProcessingKey key, long fallback) {
    for (ProcessingInstruction instruction : instructions) {
      if (instruction.getKey() == key && instruction.getValue().hasNumberValue()) {
        return instruction.getValue().getNumberValue();
      }
    }
    return fallback;
  }
}
