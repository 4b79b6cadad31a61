package io.calisera.axonserver;

import static io.calisera.axonserver.support.HubClient.assertRefused;
import static io.calisera.axonserver.support.HubClient.await;
import static io.calisera.axonserver.support.HubClient.domainEvent;
import static io.calisera.axonserver.support.HubClient.payload;
import static io.calisera.axonserver.support.HubClient.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.event.GetLastTokenRequest;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.calisera.axonserver.support.HubClient;
import io.calisera.axonserver.support.RawCommandHandler;
import io.calisera.axonserver.testapp.Bank.OpenAccountCommand;
import io.calisera.axonserver.testapp.TestApplication;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each application may do what its rights say and nothing else, with Calisera's own applications
 * and rights ({@code hub-rights}); a command reaches its handler with the dispatcher the hub
 * authenticated, whatever the dispatcher wrote into it.
 */
class ApplicationRightsIT {

  /** Everything but handling commands. */
  private static final String NO_HANDLER = "no-handler";

  @TempDir static Path home;
  static HubProcess hub;

  @BeforeAll
  static void startHub() {
    hub =
        HubProcess.start(
            home,
            HubApplications.platform()
                .with(
                    NO_HANDLER,
                    "dispatch-commands,append-events,read-events,ask-queries,answer-queries"),
            Map.of());
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.stop();
    }
  }

  @Test
  void theQuerySideMayReadEventsButNotAppendThemOrSendCommands() {
    String aggregate = uniqueId("rights");
    try (var querySide = HubClient.connectAs(hub, "query-side")) {
      assertThat(querySide.lastToken()).isGreaterThanOrEqualTo(-1);
      assertNotAllowed(
          catchThrowable(() -> querySide.appendAndWait(domainEvent(aggregate, 0))),
          "query-side",
          "append-events");
      assertNotAllowed(
          catchThrowable(() -> await(querySide.dispatch(command("rights.Anything")))),
          "query-side",
          "dispatch-commands");
    }
    try (var tester = HubClient.connect(hub)) {
      assertThat(tester.highestSequence(aggregate)).as("nothing was stored").isEqualTo(-1);
    }
  }

  @Test
  void theBffMayReadPositionsButNotEventsAndMayNotAppendOrHandleCommands() {
    try (var bff = HubClient.connectAs(hub, "bff")) {
      assertThat(bff.events().getLastToken(GetLastTokenRequest.getDefaultInstance()).getToken())
          .isGreaterThanOrEqualTo(-1);
      assertNotAllowed(
          catchThrowable(
              () ->
                  bff.events()
                      .listAggregateEvents(
                          GetAggregateEventsRequest.newBuilder().setAggregateId("any").build())
                      .hasNext()),
          "bff",
          "read-events");
      assertNotAllowed(
          catchThrowable(() -> bff.appendAndWait(domainEvent(uniqueId("rights"), 0))),
          "bff",
          "append-events");
      var handling = new CompletableFuture<Throwable>();
      bff.commandsAsync()
          .openStream(HubClient.failingInto(handling))
          .onNext(CommandProviderOutbound.getDefaultInstance());
      assertNotAllowed(HubClient.await(handling), "bff", "handle-commands");
    }
  }

  @Test
  void theOperatorMayOnlyMonitor() {
    try (var operator = HubClient.connectAs(hub, "operator")) {
      assertNotAllowed(catchThrowable(operator::lastToken), "operator", "read-positions");
      assertNotAllowed(
          catchThrowable(
              () ->
                  operator
                      .queries()
                      .query(QueryRequest.newBuilder().setQuery("rights.Anything").build())
                      .hasNext()),
          "operator",
          "ask-queries");
    }
    assertThat(hub.get("/v1/clients").statusCode()).isEqualTo(200);
  }

  @Test
  void aStockApplicationWithoutTheRightToHandleCommandsGetsNoneRoutedToIt() throws Exception {
    try (var app = TestApplication.launch("no-handler-app", hub.address(), hub.token(NO_HANDLER))) {
      Throwable failure =
          catchThrowable(
              () ->
                  app.getBean(CommandGateway.class)
                      .sendAndWait(
                          new OpenAccountCommand("acc-" + UUID.randomUUID()),
                          30,
                          TimeUnit.SECONDS));

      assertThat(failure).isInstanceOf(NoHandlerForCommandException.class);
      assertThat(Files.readString(hub.log()))
          .contains(
              "Application 'no-handler' may not"
                  + " io.axoniq.axonserver.grpc.command.CommandService/OpenStream: it needs the"
                  + " right handle-commands");
    }
  }

  @Test
  void aHandlerLearnsWhoDispatchedACommandWhateverTheDispatcherWroteIntoIt() {
    String name = uniqueId("rights.Attested");
    try (var tester = HubClient.connect(hub);
        var handler = RawCommandHandler.subscribe(tester, name);
        var bff = HubClient.connectAs(hub, "bff")) {
      Command forged =
          command(name).toBuilder()
              .putMetaData("calisera.hub.dispatcher", text("command-side"))
              .putMetaData("calisera.hub.dispatcher-rights", text("act-as-platform"))
              .putMetaData("calisera.hub.extra", text("forged"))
              .build();

      CompletableFuture<CommandResponse> reply = bff.dispatch(forged);
      Command received = handler.nextCommand();

      assertThat(received.getMetaDataMap().get("calisera.hub.dispatcher").getTextValue())
          .isEqualTo("bff");
      assertThat(received.getMetaDataMap().get("calisera.hub.dispatcher-rights").getTextValue())
          .isEqualTo(
              "act-as-platform,act-for-people,answer-queries,ask-queries,dispatch-commands,"
                  + "read-positions,verify-integrity");
      assertThat(received.getMetaDataMap()).doesNotContainKey("calisera.hub.extra");
      assertThat(received.getPayload()).isEqualTo(forged.getPayload());
      assertThat(reply).isNotDone();
    }
  }

  private static void assertNotAllowed(Throwable failure, String application, String right) {
    StatusRuntimeException refusal =
        assertRefused(failure, Status.Code.PERMISSION_DENIED, "AXONIQ-1001");
    assertThat(refusal.getStatus().getDescription())
        .contains("Application '" + application + "' may not")
        .endsWith("needs the right " + right);
  }

  private static Command command(String name) {
    return Command.newBuilder()
        .setMessageIdentifier(UUID.randomUUID().toString())
        .setName(name)
        .setTimestamp(1_893_456_000_000L)
        .setPayload(payload(name, "{}"))
        .addProcessingInstructions(
            ProcessingInstruction.newBuilder()
                .setKey(ProcessingKey.ROUTING_KEY)
                .setValue(text(UUID.randomUUID().toString())))
        .build();
  }

  private static MetaDataValue text(String value) {
    return MetaDataValue.newBuilder().setTextValue(value).build();
  }
}
