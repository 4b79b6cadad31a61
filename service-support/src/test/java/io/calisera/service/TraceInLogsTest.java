package io.calisera.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TraceInLogsTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void aCommandsTraceIdIsInTheLogsWhileItIsHandledOnly() throws Exception {
    var command =
        GenericCommandMessage.asCommandMessage("a command")
            .andMetaData(Map.of(TraceInLogs.TRACE_ID, TRACE));

    Object seen =
        new TraceInLogs().handle(new DefaultUnitOfWork<>(command), () -> MDC.get("traceId"));

    assertThat(seen).isEqualTo(TRACE);
    assertThat(MDC.get("traceId")).isNull();
  }

  @Test
  void anEventsTraceIdIsInTheLogsWhileItIsHandled() throws Exception {
    var event =
        GenericEventMessage.asEventMessage("an event")
            .andMetaData(Map.of(TraceInLogs.TRACE_ID, TRACE));

    Object seen =
        new TraceInLogs().handle(new DefaultUnitOfWork<>(event), () -> MDC.get("traceId"));

    assertThat(seen).isEqualTo(TRACE);
    assertThat(MDC.get("traceId")).isNull();
  }

  @Test
  void aCommandWithoutOneLeavesTheLogsAsTheyAre() throws Exception {
    Object seen =
        new TraceInLogs()
            .handle(
                new DefaultUnitOfWork<>(GenericCommandMessage.asCommandMessage("a command")),
                () -> MDC.get("traceId"));

    assertThat(seen).isNull();
  }
}
