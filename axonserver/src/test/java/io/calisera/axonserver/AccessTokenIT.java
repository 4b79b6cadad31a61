package io.calisera.axonserver;

import static io.calisera.axonserver.support.HubClient.assertRefused;
import static io.calisera.axonserver.support.HubClient.domainEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.PlatformInboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.axoniq.axonserver.grpc.event.GetLastTokenRequest;
import io.calisera.axonserver.support.HubClient;
import io.calisera.axonserver.support.SharedHub;
import io.calisera.axonserver.testapp.Bank.DepositCommand;
import io.calisera.axonserver.testapp.Bank.Handled;
import io.calisera.axonserver.testapp.Bank.OpenAccountCommand;
import io.calisera.axonserver.testapp.TestApplication;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub serves only clients that present the token of one of its applications, on gRPC and on
 * HTTP (where the application also needs the monitor right); the health check stays open. There is
 * no mode without tokens.
 */
@ExtendWith(SharedHub.class)
class AccessTokenIT {

  private static final String HEADER = HubProcess.ACCESS_TOKEN_HEADER;

  static HubProcess hub;
  static String token;

  @BeforeAll
  static void startHub(HubProcess shared) {
    hub = shared;
    token = hub.token(HubApplications.TESTER);
  }

  @Test
  void anApplicationWithItsTokenWorks() {
    try (var app = TestApplication.start("token-right", hub)) {
      var gateway = app.getBean(CommandGateway.class);
      String account = "acc-" + UUID.randomUUID();

      gateway.sendAndWait(new OpenAccountCommand(account), 30, TimeUnit.SECONDS);
      Handled deposited =
          gateway.sendAndWait(new DepositCommand(account, 10, 0), 30, TimeUnit.SECONDS);

      assertThat(deposited.balance()).isEqualTo(10);
      assertThat(deposited.instance()).isEqualTo("token-right");
    }
  }

  @Test
  void anApplicationWithAWrongTokenNeverConnects() {
    try (var app = TestApplication.launch("token-wrong", hub.address(), "not-" + token)) {
      assertNeverConnects(app);
    }
  }

  @Test
  void anApplicationWithoutATokenNeverConnects() {
    try (var app = TestApplication.launch("token-missing", hub.address(), null)) {
      assertNeverConnects(app);
    }
  }

  private static void assertNeverConnects(ConfigurableApplicationContext app) {
    var connections = app.getBean(AxonServerConnectionManager.class);
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(30))
        .until(() -> !connections.isConnected("default"));
    String account = "acc-" + UUID.randomUUID();
    Throwable failure =
        catchThrowable(
            () ->
                app.getBean(CommandGateway.class)
                    .sendAndWait(new OpenAccountCommand(account), 30, TimeUnit.SECONDS));
    assertThat(failure).as("the command fails").isNotNull();
    assertThat(connections.isConnected("default")).isFalse();
    try (var client = HubClient.connect(hub)) {
      assertThat(client.highestSequence(account)).as("nothing was stored").isEqualTo(-1);
    }
  }

  @Test
  void rawCallsWithoutATokenAreRefusedWithAxoniq1000() {
    try (var client = HubClient.connect(hub, "default", null)) {
      assertEveryKindOfCallIsRefused(client, "AXONIQ-1000");
    }
  }

  @Test
  void rawCallsWithAnUnknownTokenAreRefusedWithAxoniq1001() {
    try (var client = HubClient.connect(hub, "default", token + "x")) {
      assertEveryKindOfCallIsRefused(client, "AXONIQ-1001");
    }
  }

  private static void assertEveryKindOfCallIsRefused(HubClient client, String errorCode) {
    assertRefused(
        catchThrowable(
            () -> client.platform().getPlatformServer(ClientIdentification.getDefaultInstance())),
        Status.Code.PERMISSION_DENIED,
        errorCode);
    assertRefused(
        catchThrowable(
            () -> client.events().getLastToken(GetLastTokenRequest.getDefaultInstance())),
        Status.Code.PERMISSION_DENIED,
        errorCode);
    var platformStream = new CompletableFuture<Throwable>();
    var instructions =
        client
            .platformAsync()
            .openStream(HubClient.<PlatformOutboundInstruction>failingInto(platformStream));
    instructions.onNext(
        PlatformInboundInstruction.newBuilder()
            .setRegister(ClientIdentification.newBuilder().setClientId("intruder"))
            .build());
    assertRefused(HubClient.await(platformStream), Status.Code.PERMISSION_DENIED, errorCode);
    String aggregate = "refused-" + UUID.randomUUID();
    assertRefused(
        catchThrowable(() -> client.appendAndWait(domainEvent(aggregate, 0))),
        Status.Code.PERMISSION_DENIED,
        errorCode);
    try (var authorised = HubClient.connect(hub)) {
      assertThat(authorised.highestSequence(aggregate)).as("nothing was stored").isEqualTo(-1);
    }
  }

  @Test
  void theRightTokenIsAdmittedOnRawCalls() {
    try (var client = HubClient.connect(hub)) {
      String aggregate = "admitted-" + UUID.randomUUID();
      client.appendAndWait(domainEvent(aggregate, 0));
      assertThat(client.highestSequence(aggregate)).isZero();
      assertThat(client.platform().getPlatformServer(ClientIdentification.getDefaultInstance()))
          .matches(info -> info.getSameConnection());
    }
  }

  @Test
  void anotherContextIsNotFoundWithAxoniq1302() {
    try (var client = HubClient.connect(hub, "booking", token)) {
      assertRefused(
          catchThrowable(
              () -> client.platform().getPlatformServer(ClientIdentification.getDefaultInstance())),
          Status.Code.NOT_FOUND,
          "AXONIQ-1302");
      String aggregate = "other-context-" + UUID.randomUUID();
      assertRefused(
          catchThrowable(() -> client.appendAndWait(domainEvent(aggregate, 0))),
          Status.Code.NOT_FOUND,
          "AXONIQ-1302");
      try (var authorised = HubClient.connect(hub)) {
        assertThat(authorised.highestSequence(aggregate)).isEqualTo(-1);
      }
    }
  }

  @Test
  void httpEndpointsNeedAMonitorTokenExceptTheHealthCheckAndTheIntegrityCheckAlsoAdmitsItsRight() {
    for (String path : new String[] {"/v1/integrity", "/v1/clients", "/actuator/prometheus"}) {
      assertThat(hub.get(path, Map.of()).statusCode())
          .as("%s without a token", path)
          .isEqualTo(401);
      assertThat(hub.get(path, Map.of(HEADER, "wrong")).statusCode())
          .as("%s with a wrong token", path)
          .isEqualTo(403);
      var querySide = hub.get(path, Map.of(HEADER, hub.token("query-side")));
      assertThat(querySide.statusCode())
          .as("%s as an application without monitor", path)
          .isEqualTo(403);
      assertThat(querySide.body())
          .contains(
              path.equals("/v1/integrity")
                  ? "'query-side' does not have the verify-integrity right"
                  : "'query-side' does not have the monitor right");
      var bff = hub.get(path, Map.of(HEADER, hub.token("bff")));
      assertThat(bff.statusCode())
          .as("%s as the bff, whose verify-integrity right opens the integrity check only", path)
          .isEqualTo(path.equals("/v1/integrity") ? 200 : 403);
      var admitted = hub.get(path, Map.of(HEADER, hub.token("operator")));
      assertThat(admitted.statusCode()).as("%s as the operator", path).isEqualTo(200);
    }
    assertThat(hub.get("/v1/integrity").body()).contains("\"valid\":true");
    assertThat(hub.get("/actuator/prometheus").body()).contains("calisera_hub_events_head");
    assertThat(hub.get("/actuator/health", Map.of()).statusCode()).isEqualTo(200);
    assertThat(hub.get("/actuator/health/liveness", Map.of()).statusCode()).isEqualTo(200);
    assertThat(hub.get("/actuator/health/../prometheus", Map.of()).statusCode())
        .as("a path that only starts like the health check")
        .isNotEqualTo(200);
  }
}
