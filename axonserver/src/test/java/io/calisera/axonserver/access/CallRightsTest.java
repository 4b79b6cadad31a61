package io.calisera.axonserver.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.control.PlatformServiceGrpc;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CallRightsTest {

  private static final Application EVERYTHING =
      new Application("everything", EnumSet.allOf(Right.class));
  private static final Application NOTHING = new Application("nothing", Set.of());

  @Test
  void everyMethodOfTheServedServicesHasAnEntry() {
    Stream.of(
            PlatformServiceGrpc.getServiceDescriptor(),
            CommandServiceGrpc.getServiceDescriptor(),
            QueryServiceGrpc.getServiceDescriptor(),
            EventStoreGrpc.getServiceDescriptor())
        .map(ServiceDescriptor::getMethods)
        .flatMap(java.util.Collection::stream)
        .map(MethodDescriptor::getFullMethodName)
        .forEach(
            method ->
                assertThat(CallRights.refusal(EVERYTHING, method))
                    .as("%s for an application with every right", method)
                    .isEmpty());
  }

  @Test
  void eachMethodNeedsItsRight() {
    Map<MethodDescriptor<?, ?>, Right> needed =
        Map.ofEntries(
            Map.entry(CommandServiceGrpc.getDispatchMethod(), Right.DISPATCH_COMMANDS),
            Map.entry(CommandServiceGrpc.getOpenStreamMethod(), Right.HANDLE_COMMANDS),
            Map.entry(QueryServiceGrpc.getQueryMethod(), Right.ASK_QUERIES),
            Map.entry(QueryServiceGrpc.getSubscriptionMethod(), Right.ASK_QUERIES),
            Map.entry(QueryServiceGrpc.getOpenStreamMethod(), Right.ANSWER_QUERIES),
            Map.entry(EventStoreGrpc.getAppendEventMethod(), Right.APPEND_EVENTS),
            Map.entry(EventStoreGrpc.getAppendSnapshotMethod(), Right.APPEND_EVENTS),
            Map.entry(EventStoreGrpc.getListEventsMethod(), Right.READ_EVENTS),
            Map.entry(EventStoreGrpc.getListAggregateEventsMethod(), Right.READ_EVENTS),
            Map.entry(EventStoreGrpc.getListAggregateSnapshotsMethod(), Right.READ_EVENTS),
            Map.entry(EventStoreGrpc.getQueryEventsMethod(), Right.READ_EVENTS),
            Map.entry(EventStoreGrpc.getGetFirstTokenMethod(), Right.READ_POSITIONS),
            Map.entry(EventStoreGrpc.getGetLastTokenMethod(), Right.READ_POSITIONS),
            Map.entry(EventStoreGrpc.getGetTokenAtMethod(), Right.READ_POSITIONS),
            Map.entry(EventStoreGrpc.getReadHighestSequenceNrMethod(), Right.READ_POSITIONS));

    needed.forEach(
        (method, right) -> {
          String name = method.getFullMethodName();
          assertThat(CallRights.refusal(new Application("holder", Set.of(right)), name))
              .as("%s with %s", name, right)
              .isEmpty();
          assertThat(CallRights.refusal(NOTHING, name))
              .as("%s without a right", name)
              .hasValue(
                  "Application 'nothing' may not "
                      + name
                      + ": it needs the right "
                      + right.wireName());
          EnumSet<Right> others = EnumSet.allOf(Right.class);
          others.removeIf(other -> other.grants(right));
          assertThat(CallRights.refusal(new Application("others", others), name))
              .as("%s with every other right", name)
              .isPresent();
        });
  }

  @Test
  void anyApplicationMaySetUpItsConnection() {
    assertThat(
            CallRights.refusal(
                NOTHING, PlatformServiceGrpc.getGetPlatformServerMethod().getFullMethodName()))
        .isEmpty();
    assertThat(
            CallRights.refusal(
                NOTHING, PlatformServiceGrpc.getOpenStreamMethod().getFullMethodName()))
        .isEmpty();
  }

  @Test
  void aMethodTheTableDoesNotKnowIsRefusedToEveryone() {
    assertThat(CallRights.refusal(EVERYTHING, "io.axoniq.axonserver.grpc.admin.AdminService/Nuke"))
        .hasValueSatisfying(text -> assertThat(text).contains("No application may call"));
  }
}
