package io.calisera.axonserver.access;

import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.control.PlatformServiceGrpc;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.grpc.MethodDescriptor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The right each gRPC method of the hub needs. A handler stream ({@code OpenStream} of commands or
 * queries) carries nothing but a handler's traffic, so the right to handle is checked when the
 * stream opens, as real Axon Server checks every method. A method missing here is refused to every
 * application: a method a newer protocol adds is closed until someone decides who may call it.
 */
public final class CallRights {

  /** Full method name -> the right it needs; empty: any application (connection set-up). */
  private static final Map<String, Optional<Right>> NEEDED = table();

  private CallRights() {}

  private static Map<String, Optional<Right>> table() {
    var table = new HashMap<String, Optional<Right>>();
    put(table, PlatformServiceGrpc.getGetPlatformServerMethod(), null);
    put(table, PlatformServiceGrpc.getOpenStreamMethod(), null);
    put(table, CommandServiceGrpc.getDispatchMethod(), Right.DISPATCH_COMMANDS);
    put(table, CommandServiceGrpc.getOpenStreamMethod(), Right.HANDLE_COMMANDS);
    put(table, QueryServiceGrpc.getQueryMethod(), Right.ASK_QUERIES);
    put(table, QueryServiceGrpc.getSubscriptionMethod(), Right.ASK_QUERIES);
    put(table, QueryServiceGrpc.getOpenStreamMethod(), Right.ANSWER_QUERIES);
    put(table, EventStoreGrpc.getAppendEventMethod(), Right.APPEND_EVENTS);
    put(table, EventStoreGrpc.getAppendSnapshotMethod(), Right.APPEND_EVENTS);
    put(table, EventStoreGrpc.getListEventsMethod(), Right.READ_EVENTS);
    put(table, EventStoreGrpc.getListAggregateEventsMethod(), Right.READ_EVENTS);
    put(table, EventStoreGrpc.getListAggregateSnapshotsMethod(), Right.READ_EVENTS);
    put(table, EventStoreGrpc.getQueryEventsMethod(), Right.READ_EVENTS);
    put(table, EventStoreGrpc.getGetFirstTokenMethod(), Right.READ_POSITIONS);
    put(table, EventStoreGrpc.getGetLastTokenMethod(), Right.READ_POSITIONS);
    put(table, EventStoreGrpc.getGetTokenAtMethod(), Right.READ_POSITIONS);
    put(table, EventStoreGrpc.getReadHighestSequenceNrMethod(), Right.READ_POSITIONS);
    return Map.copyOf(table);
  }

  private static void put(
      Map<String, Optional<Right>> table, MethodDescriptor<?, ?> method, Right right) {
    table.put(method.getFullMethodName(), Optional.ofNullable(right));
  }

  /**
   * Why {@code application} may not call {@code fullMethodName}, or empty when it may.
   *
   * @return the refusal's text, naming the application and the right it lacks
   */
  public static Optional<String> refusal(Application application, String fullMethodName) {
    Optional<Right> needed = NEEDED.get(fullMethodName);
    if (needed == null) {
      return Optional.of("No application may call " + fullMethodName + " on this hub");
    }
    if (needed.isEmpty() || application.may(needed.get())) {
      return Optional.empty();
    }
    return Optional.of(
        "Application '"
            + application.name()
            + "' may not "
            + fullMethodName
            + ": it needs the right "
            + needed.get().wireName());
  }
}
