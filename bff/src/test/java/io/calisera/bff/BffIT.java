package io.calisera.bff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.calisera.api.account.AccountRegisteredEvent;
import io.calisera.api.account.AccountView;
import io.calisera.api.account.FindAccountQuery;
import io.calisera.api.common.Role;
import io.calisera.bff.auth.AccountIds;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.service.AxonWiring;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import io.calisera.testing.ServiceProcess;
import io.calisera.testissuer.LocalIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bff against the real platform: the hub, the command side and the query side as the built jars
 * in their own processes, the bff in this JVM connected to the hub with the stock connector, and a
 * local OpenID Connect provider.
 */
class BffIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir static Path home;
  static HubProcess hub;
  static ServiceProcess commandSide;
  static ServiceProcess querySide;
  static LocalIssuer issuer;
  static ConfigurableApplicationContext bff;
  static String base;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startThePlatform() {
    hub = HubProcess.start(home.resolve("hub"));
    commandSide = service("command-side");
    querySide = service("query-side");
    int port = ServiceProcess.freePort();
    base = "http://localhost:" + port;
    issuer = LocalIssuer.start(base + "/login/oauth2/code/local");
    // command-line arguments: they win over the module's application.yml
    var arguments = new ArrayList<>(hub.connectionArguments("bff"));
    arguments.addAll(
        List.of(
            "--server.port=" + port,
            "--calisera.home=" + home.resolve("calisera"),
            "--calisera.public-base-url=" + base,
            "--calisera.auth.dev-login=true",
            "--axon.axonserver.client-id=bff-it",
            "--calisera.auth.providers.local.issuer-uri=" + issuer.issuer(),
            "--calisera.auth.providers.local.audiences=" + LocalIssuer.MOBILE));
    bff = new SpringApplicationBuilder(BffApplication.class).run(arguments.toArray(String[]::new));
  }

  @AfterAll
  static void stopThePlatform() {
    if (bff != null) {
      bff.close();
    }
    if (issuer != null) {
      issuer.close();
    }
    for (ServiceProcess service : new ServiceProcess[] {querySide, commandSide}) {
      if (service != null) {
        service.stop();
      }
    }
    if (hub != null) {
      hub.stop();
    }
  }

  private static ServiceProcess service(String module) {
    int port = ServiceProcess.freePort();
    return ServiceProcess.of(
            module,
            home.resolve(module + ".log"),
            port,
            hub.connectionEnvironment(
                module, Map.of("CALISERA_HOME", home.resolve("calisera").toString())),
            List.of("--server.port=" + port, "--axon.axonserver.client-id=" + module + "-bff-it"),
            List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"))
        .start();
  }

  @Test
  void theBffTalksToTheHubWithTheApiSerializers() {
    assertThat(bff.getBean(AxonWiring.class).describe())
        .containsEntry("command bus", "AxonServerCommandBus")
        .containsEntry("query bus", "AxonServerQueryBus")
        .containsEntry("message serializer", "JacksonSerializer with the api's ObjectMapper");
  }

  @Test
  void aDevLoginCreatesTheAccountThatMeThenShows() throws Exception {
    String email = "dev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    HttpResponse<String> login =
        post(
            "/api/v1/auth/dev-login",
            "{\"email\":\"" + email + "\",\"name\":\"Dee Veloper\",\"roles\":[\"ADMIN\"]}");
    assertThat(login.statusCode()).isEqualTo(200);
    String token = JsonPath.read(login.body(), "$.accessToken");
    String accountId = AccountIds.ofDevLogin(email);

    // the command side registered it and granted ADMIN as the platform; the read model follows
    QuerySender queries = bff.getBean(QuerySender.class);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(queries.findOptional(new FindAccountQuery(accountId), AccountView.class))
                    .hasValueSatisfying(
                        view -> {
                          assertThat(view.email()).isEqualTo(email);
                          assertThat(view.roles())
                              .containsExactlyInAnyOrder(Role.CUSTOMER, Role.ADMIN);
                        }));

    HttpResponse<String> me = get("/api/v1/me", token);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat((String) JsonPath.read(me.body(), "$.accountId")).isEqualTo(accountId);
    assertThat((String) JsonPath.read(me.body(), "$.email")).isEqualTo(email);
    assertThat((String) JsonPath.read(me.body(), "$.name")).isEqualTo("Dee Veloper");
    assertThat((List<String>) JsonPath.read(me.body(), "$.roles"))
        .containsExactlyInAnyOrder("CUSTOMER", "ADMIN");
  }

  @Test
  void racingFirstLoginsOfOnePersonRegisterOneAccount() throws Exception {
    String user = "racer" + UUID.randomUUID().toString().substring(0, 6);
    List<String> idTokens = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      idTokens.add(issuer.idToken(LocalIssuer.MOBILE, user, "n" + i));
    }

    List<HttpResponse<String>> answers = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(idTokens.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < idTokens.size(); i++) {
        String body = "{\"idToken\":\"" + idTokens.get(i) + "\",\"nonce\":\"n" + i + "\"}";
        futures.add(
            threads.submit(
                () -> {
                  go.await();
                  return post("/api/v1/auth/token", body);
                }));
      }
      go.countDown();
      for (Future<HttpResponse<String>> future : futures) {
        answers.add(future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
    String accountId = AccountIds.ofExternalIdentity(issuer.issuer(), user);
    // read as the hub's tester: the bff itself may not read events
    AxonServerConnectionFactory inspector =
        AxonServerConnectionFactory.forClient("bff-it-inspector")
            .routingServers(new ServerAddress("localhost", hub.grpcPort()))
            .token(hub.token(HubApplications.TESTER))
            .build();
    try {
      List<String> events =
          inspector
              .connect("default")
              .eventChannel()
              .openAggregateStream(accountId)
              .asStream()
              .map(event -> event.getPayload().getType())
              .toList();
      assertThat(events).containsExactly(AccountRegisteredEvent.class.getName());
    } finally {
      inspector.shutdown();
    }
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
