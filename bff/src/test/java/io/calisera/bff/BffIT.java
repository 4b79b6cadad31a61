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
import io.calisera.bff.testing.BffInThisJvm;
import io.calisera.bff.testing.SharedPlatform;
import io.calisera.service.AxonWiring;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import io.calisera.testissuer.LocalIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bff against the real platform ({@link SharedPlatform}): the hub, the command side and the
 * query side as the built jars in their own processes, the bff in this JVM connected to the hub
 * with the stock connector, and a local OpenID Connect provider.
 */
@ExtendWith(SharedPlatform.class)
@Order(3) // business time: the machine's, later than the other classes'
class BffIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** The local issuer signs its tokens by the machine's clock, so this class's time is that. */
  private static final Clock MACHINE = Clock.systemUTC();

  static HubProcess hub;
  static LocalIssuer issuer;
  static BffInThisJvm bff;
  static String base;

  private final HttpClient http = HttpClient.newHttpClient();

  /** The platform's business time stands still: here it is the machine's, as the issuer's is. */
  @BeforeAll
  static void takeThePlatform(SharedPlatform.Running shared) {
    hub = shared.platform().hub();
    bff = shared.bff();
    issuer = shared.issuer();
    base = shared.platform().bffUrl();
    bff.clock().set(Instant.now(MACHINE));
  }

  @Test
  void theBffTalksToTheHubWithTheApiSerializers() {
    assertThat(bff.bean(AxonWiring.class).describe())
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
    QuerySender queries = bff.bean(QuerySender.class);
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
