package io.calisera.bff.web;

import static io.calisera.bff.testing.Views.aBookingOnTuesdayAtNine;
import static io.calisera.bff.testing.Views.aSalonInBerlin;
import static io.calisera.bff.testing.Views.anHourCut;
import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.booking.FindCustomerBookingsQuery;
import io.calisera.api.booking.FindProviderBookingsQuery;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.api.provider.FindOwnedProvidersQuery;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.FindScheduleQuery;
import io.calisera.api.provider.FindServicesQuery;
import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.ScheduleView;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.api.provider.ServiceList;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.PreviewSlotsQuery;
import io.calisera.bff.auth.AccountIds;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import io.calisera.bff.testing.Views;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * No 5xx for any client input (docs/api.md, "Errors"): every operation that the bff's own {@code
 * /v3/api-docs} describes is sent malformed path, query, header and body values (wrong types,
 * nulls, huge strings and arrays, invalid UTF-8, deep nesting), by a signed-in owner and
 * anonymously, over real HTTP (Tomcat decodes the request line itself, which MockMvc does not), and
 * must answer 4xx (or a success) every time.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "axon.axonserver.enabled=false",
      "calisera.home=target/test-home/${random.uuid}",
      "calisera.public-base-url=https://api.calisera.test",
      "calisera.auth.dev-login=true",
      "calisera.max-request-body=8KB",
      "calisera.gateway.command-timeout=2s",
      "calisera.gateway.query-timeout=2s",
      "calisera.rate-limits.guest-bookings=off",
      "calisera.rate-limits.logins=off",
      "calisera.rate-limits.directory-search=off",
      "calisera.rate-limits.qr-codes=off"
    })
@Import(BffTestConfiguration.class)
class MalformedInputWalkIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  /** Path segments, already percent-encoded as they go on the wire. */
  private static final List<String> BAD_PATH_VALUES =
      List.of(
          "%FF",
          "%C3%28",
          "%ED%A0%80",
          "%00",
          "%2e%2e",
          "%7B%7D",
          "%25",
          "null",
          "-1",
          "1e309",
          "a".repeat(3000));

  /** Query values, already percent-encoded. */
  private static final List<String> BAD_QUERY_VALUES =
      List.of(
          "%FF",
          "%C3%28",
          "%E2%80%AE",
          "%00",
          "",
          "abc",
          "-1",
          "1.5",
          "99999999999999999999999",
          "null",
          "true",
          "2026-13-45",
          "2026-06-02T25:61:00Z",
          "x".repeat(3000));

  private static final String PROVIDER = "p-walk";
  private static final String SERVICE = "s-walk";
  private static final String BOOKING = "b-walk";

  @LocalServerPort int port;
  @Autowired MutableClock clock;
  @Autowired StubPlatform platform;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  record Sent(String method, String path, String caller, String body, int status) {
    @Override
    public String toString() {
      String shown =
          body == null ? "" : " " + (body.length() > 120 ? body.substring(0, 120) + "…" : body);
      return method + " " + abbreviate(path) + " as " + caller + shown + " -> " + status;
    }
  }

  @Test
  void everyOperationAnswersMalformedInputWithoutA5xx() {
    clock.set(BffTestConfiguration.START);
    Map<String, String> ids = aProviderWithAServiceAndABooking();
    JsonNode docs = JSON.readTree(call("GET", "/v3/api-docs", null, null, Map.of()).body());
    JsonNode schemas = docs.path("components").path("schemas");

    List<Sent> sent = new ArrayList<>();
    Map<String, String> callers = new LinkedHashMap<>();
    callers.put("owner", ids.get("owner"));
    callers.put("anonymous", null);
    int operations = 0;
    for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        if (!METHODS.contains(method.getKey())) {
          continue;
        }
        operations++;
        JsonNode operation = method.getValue();
        for (Map.Entry<String, String> caller : callers.entrySet()) {
          walk(
              method.getKey().toUpperCase(),
              path.getKey(),
              operation,
              schemas,
              ids,
              caller.getKey(),
              caller.getValue(),
              sent);
        }
      }
    }

    Map<Integer, Integer> byStatus = new TreeMap<>();
    sent.forEach(s -> byStatus.merge(s.status(), 1, Integer::sum));
    System.out.println(
        "MalformedInputWalkIT: "
            + operations
            + " operations, "
            + sent.size()
            + " requests, by status "
            + byStatus);
    assertThat(operations).isGreaterThan(20);
    assertThat(sent.size()).isGreaterThan(2000);
    assertThat(sent).as("answers 5xx").filteredOn(s -> s.status() >= 500).isEmpty();
    assertThat(platform.unanswered()).as("sent what the platform has no answer to").isEmpty();
  }

  /** Every malformed variant of one operation, by one caller. */
  private void walk(
      String method,
      String template,
      JsonNode operation,
      JsonNode schemas,
      Map<String, String> ids,
      String caller,
      String token,
      List<Sent> sent) {
    List<JsonNode> parameters = new ArrayList<>();
    operation.path("parameters").forEach(parameters::add);
    JsonNode bodySchema =
        resolve(
            operation.path("requestBody").path("content").path("application/json").path("schema"),
            schemas);
    String goodBody =
        bodySchema.isMissingNode()
            ? null
            : JSON.writeValueAsString(example(bodySchema, schemas, 0));
    String goodPath = fill(template, ids, Map.of());
    String goodQuery = query(parameters, Map.of());

    // path variables
    for (JsonNode parameter : parameters) {
      if (!parameter.path("in").asString().equals("path")) {
        continue;
      }
      for (String bad : BAD_PATH_VALUES) {
        String path =
            fill(template, ids, Map.of(parameter.path("name").asString(), bad)) + goodQuery;
        sent.add(send(method, path, caller, token, goodBody, Map.of()));
      }
    }
    // query parameters, one at a time, and all of them repeated
    for (JsonNode parameter : parameters) {
      if (!parameter.path("in").asString().equals("query")) {
        continue;
      }
      String name = parameter.path("name").asString();
      for (String bad : BAD_QUERY_VALUES) {
        sent.add(
            send(
                method,
                goodPath + query(parameters, Map.of(name, bad)),
                caller,
                token,
                goodBody,
                Map.of()));
      }
      sent.add(
          send(
              method,
              goodPath + "?" + name + "=1&" + name + "=2&" + name + "%FF=3",
              caller,
              token,
              goodBody,
              Map.of()));
    }
    // headers
    for (JsonNode parameter : parameters) {
      if (!parameter.path("in").asString().equals("header")) {
        continue;
      }
      for (String bad : List.of("", " ", "x".repeat(4000), "null", "\t", "a,b")) {
        sent.add(
            send(
                method,
                goodPath + goodQuery,
                caller,
                token,
                goodBody,
                Map.of(parameter.path("name").asString(), bad)));
      }
    }
    if (bodySchema.isMissingNode() && !method.equals("POST") && !method.equals("PUT")) {
      return;
    }
    String target = goodPath + goodQuery;
    // whole bodies
    for (String body : wholeBodies()) {
      sent.add(send(method, target, caller, token, body, Map.of()));
    }
    sent.add(sendBytes(method, target, caller, token, invalidUtf8Body()));
    sent.add(
        send(method, target, caller, token, "{\"a\":1}", Map.of("Content-Type", "text/plain")));
    sent.add(
        send(
            method,
            target,
            caller,
            token,
            "q=%FF&name=%C3%28",
            Map.of("Content-Type", "application/x-www-form-urlencoded")));
    // each field of the body, given every bad value in turn
    if (bodySchema.isMissingNode()) {
      return;
    }
    JsonNode good = example(bodySchema, schemas, 0);
    for (List<String> field : fields(good, new ArrayList<>())) {
      for (JsonNode bad : badValues()) {
        JsonNode body = good.deepCopy();
        replace(body, field, bad);
        sent.add(send(method, target, caller, token, JSON.writeValueAsString(body), Map.of()));
      }
    }
  }

  private static List<String> wholeBodies() {
    return List.of(
        "",
        "null",
        "[]",
        "{}",
        "\"x\"",
        "0",
        "{",
        "{\"a\":}",
        "[".repeat(2000) + "]".repeat(2000),
        "{\"a\":".repeat(1000) + "1" + "}".repeat(1000),
        "[" + "0,".repeat(2000) + "0]",
        "{" + "\"k\":1,".repeat(500) + "\"k\":2}",
        "{\"a\":\"" + "x".repeat(20_000) + "\"}");
  }

  private static byte[] invalidUtf8Body() {
    byte[] prefix = "{\"name\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] suffix = "\",\"displayName\":\"\\ud800\"}".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[prefix.length + 4 + suffix.length];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    body[prefix.length] = (byte) 0xFF;
    body[prefix.length + 1] = (byte) 0xC3;
    body[prefix.length + 2] = (byte) 0x28;
    body[prefix.length + 3] = (byte) 0xED;
    System.arraycopy(suffix, 0, body, prefix.length + 4, suffix.length);
    return body;
  }

  private static List<JsonNode> badValues() {
    List<JsonNode> values = new ArrayList<>();
    values.add(JSON.getNodeFactory().nullNode());
    values.add(JSON.getNodeFactory().numberNode(0));
    values.add(JSON.getNodeFactory().numberNode(-1));
    values.add(JSON.getNodeFactory().numberNode(1e308));
    values.add(
        JSON.getNodeFactory().numberNode(new java.math.BigInteger("99999999999999999999999")));
    values.add(JSON.getNodeFactory().booleanNode(true));
    values.add(JSON.getNodeFactory().stringNode(""));
    values.add(JSON.getNodeFactory().stringNode("x".repeat(3000)));
    values.add(JSON.getNodeFactory().stringNode("\ud800\uffff\u0000"));
    values.add(JSON.getNodeFactory().stringNode("2026-13-45T25:61:00Z"));
    values.add(JSON.createArrayNode());
    ArrayNode many = JSON.createArrayNode();
    for (int i = 0; i < 1000; i++) {
      many.add(i);
    }
    values.add(many);
    values.add(JSON.createObjectNode());
    ObjectNode deep = JSON.createObjectNode();
    ObjectNode inner = deep;
    for (int i = 0; i < 100; i++) {
      inner = inner.putObject("a");
    }
    values.add(deep);
    return values;
  }

  /** A plausible value for a schema, so that one field at a time can be made bad. */
  private static JsonNode example(JsonNode schema, JsonNode schemas, int depth) {
    JsonNode resolved = resolve(schema, schemas);
    if (depth > 5) {
      return JSON.getNodeFactory().nullNode();
    }
    if (resolved.has("enum")) {
      return resolved.path("enum").get(0);
    }
    String type = type(resolved);
    String format = resolved.path("format").asString();
    return switch (type) {
      case "object" -> {
        ObjectNode object = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
          object.set(property.getKey(), example(property.getValue(), schemas, depth + 1));
        }
        yield object;
      }
      case "array" ->
          JSON.createArrayNode().add(example(resolved.path("items"), schemas, depth + 1));
      case "integer", "number" -> JSON.getNodeFactory().numberNode(1);
      case "boolean" -> JSON.getNodeFactory().booleanNode(false);
      default ->
          JSON.getNodeFactory()
              .stringNode(
                  switch (format) {
                    case "date-time" -> "2026-06-02T09:00:00+02:00";
                    case "date" -> "2026-06-02";
                    case "email" -> "someone@example.com";
                    default -> "x";
                  });
    };
  }

  private static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asString().equals("null")) {
          return t.asString();
        }
      }
    }
    if (type.isString()) {
      return type.asString();
    }
    return schema.has("properties") ? "object" : "string";
  }

  private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
    JsonNode current = schema;
    for (int i = 0; i < 10 && current.has("$ref"); i++) {
      String ref = current.path("$ref").asString();
      current = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }
    if (current.has("allOf") && current.path("allOf").size() == 1) {
      return resolve(current.path("allOf").get(0), schemas);
    }
    return current;
  }

  /** The paths to every field of an example body, nested objects' fields included. */
  private static List<List<String>> fields(JsonNode node, List<String> prefix) {
    List<List<String>> paths = new ArrayList<>();
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        List<String> path = new ArrayList<>(prefix);
        path.add(property.getKey());
        paths.add(path);
        paths.addAll(fields(property.getValue(), path));
      }
    } else if (node.isArray() && !node.isEmpty()) {
      List<String> path = new ArrayList<>(prefix);
      path.add("0");
      paths.add(path);
      paths.addAll(fields(node.get(0), path));
    }
    return paths;
  }

  private static void replace(JsonNode root, List<String> path, JsonNode value) {
    JsonNode parent = root;
    for (int i = 0; i < path.size() - 1; i++) {
      parent =
          parent.isArray() ? parent.get(Integer.parseInt(path.get(i))) : parent.get(path.get(i));
    }
    String last = path.get(path.size() - 1);
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
  }

  private static String fill(String template, Map<String, String> ids, Map<String, String> bad) {
    String path = template;
    for (String name : extractNames(template)) {
      String value = bad.containsKey(name) ? bad.get(name) : ids.getOrDefault(name, "x");
      path = path.replace("{" + name + "}", value);
    }
    return path;
  }

  private static List<String> extractNames(String template) {
    List<String> names = new ArrayList<>();
    int open;
    int from = 0;
    while ((open = template.indexOf('{', from)) >= 0) {
      int close = template.indexOf('}', open);
      names.add(template.substring(open + 1, close));
      from = close + 1;
    }
    return names;
  }

  /** The query string with a plausible value for each query parameter, or the bad one given. */
  private static String query(List<JsonNode> parameters, Map<String, String> bad) {
    StringBuilder query = new StringBuilder();
    for (JsonNode parameter : parameters) {
      if (!parameter.path("in").asString().equals("query")) {
        continue;
      }
      String name = parameter.path("name").asString();
      String value = bad.containsKey(name) ? bad.get(name) : goodQueryValue(name, parameter);
      if (value == null) {
        continue;
      }
      query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(value);
    }
    return query.toString();
  }

  private static String goodQueryValue(String name, JsonNode parameter) {
    return switch (name) {
      case "from" -> "2026-06-02";
      case "to" -> "2026-06-03";
      case "timeZone" -> "Europe/Berlin";
      default -> parameter.path("required").asBoolean() ? "1" : null;
    };
  }

  /**
   * An owner's provider with a service and a customer's booking of it, as the platform answers them
   * ({@link StubPlatform}): every query of another id finds nothing, every command succeeds, so
   * that well-formed parts of a request reach as far into the bff as they can.
   */
  private Map<String, String> aProviderWithAServiceAndABooking() {
    String owner = login("owner@example.com", "[\"PROVIDER\"]");
    String ownerId = AccountIds.ofDevLogin("owner@example.com");
    String customerId = AccountIds.ofDevLogin("customer@example.com");
    platform.reset();
    platform.on(FindProviderQuery.class).answerNothing();
    platform
        .on(new FindProviderQuery(PROVIDER))
        .answer(aSalonInBerlin(PROVIDER, ownerId, anHourCut(SERVICE)));
    platform
        .on(FindServicesQuery.class)
        .answer(new ServiceList(PROVIDER, List.of(anHourCut(SERVICE))));
    platform
        .on(FindScheduleQuery.class)
        .answer(new ScheduleView(PROVIDER, Views.BERLIN, List.of(), List.of()));
    platform
        .on(FindAvailableSlotsQuery.class)
        .answerWith(
            query ->
                new AvailableSlots(query.providerId(), query.serviceId(), Views.BERLIN, List.of()));
    platform
        .on(PreviewSlotsQuery.class)
        .answerWith(
            query ->
                new AvailableSlots(query.providerId(), query.serviceId(), Views.BERLIN, List.of()));
    platform.on(SearchProvidersQuery.class).answer(new ProviderPage(List.of(), 0, 20, 0));
    platform
        .on(FindOwnedProvidersQuery.class)
        .answer(new ProviderPage(List.of(), 0, FindOwnedProvidersQuery.MAX, 0));
    platform.on(FindBookingQuery.class).answerNothing();
    platform
        .on(new FindBookingQuery(BOOKING))
        .answer(aBookingOnTuesdayAtNine(BOOKING, PROVIDER, customerId));
    platform
        .on(FindCustomerBookingsQuery.class)
        .answerWith(query -> new BookingPage(List.of(), query.page(), query.size(), 0));
    platform
        .on(FindProviderBookingsQuery.class)
        .answerWith(query -> new BookingPage(List.of(), query.page(), query.size(), 0));
    platform.on(FindProviderInsightsQuery.class).answerWith(Views::noBookings);
    platform.onEveryCommand().succeed();
    platform.on(CreateProviderCommand.class).answerWith(command -> "walk-studio");
    platform.on(PlaceBookingCommand.class).answerWith(Views::placedAsAsked);
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("owner", owner);
    ids.put("providerId", PROVIDER);
    ids.put("providerIdOrSlug", PROVIDER);
    ids.put("serviceId", SERVICE);
    ids.put("bookingId", BOOKING);
    return ids;
  }

  private String login(String email, String roles) {
    return field(
        ok(
            200,
            call(
                "POST",
                "/api/v1/auth/dev-login",
                null,
                "{\"email\":\"" + email + "\",\"name\":\"Walker\",\"roles\":" + roles + "}",
                Map.of())),
        "accessToken");
  }

  private static HttpResponse<String> ok(int status, HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return response;
  }

  private static String field(HttpResponse<String> response, String name) {
    return JSON.readTree(response.body()).path(name).asString();
  }

  private Sent send(
      String method,
      String path,
      String caller,
      String token,
      String body,
      Map<String, String> headers) {
    return new Sent(
        method, path, caller, body, call(method, path, token, body, headers).statusCode());
  }

  private Sent sendBytes(String method, String path, String caller, String token, byte[] body) {
    var request = request(method, path, token, HttpRequest.BodyPublishers.ofByteArray(body));
    request.header("Content-Type", "application/json");
    return new Sent(
        method, path, caller, "<invalid UTF-8>", exchange(request.build()).statusCode());
  }

  private HttpResponse<String> call(
      String method, String path, String token, String body, Map<String, String> headers) {
    var request =
        request(
            method,
            path,
            token,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return exchange(request.build());
  }

  private HttpRequest.Builder request(
      String method, String path, String token, HttpRequest.BodyPublisher body) {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, MalformedInputWalkIT::bodyUnlessStream);
    } catch (IOException e) {
      throw new UncheckedIOException(
          request.method() + " " + abbreviate(request.uri().toString()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The body as a string, but a stream that opened (the live slots' events, for input that is valid
   * after all) is left at once: its status is what counts, and its body would not end.
   */
  private static HttpResponse.BodySubscriber<String> bodyUnlessStream(
      HttpResponse.ResponseInfo info) {
    if (!info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    }
    CompletableFuture<String> left = CompletableFuture.completedFuture("<event stream, left>");
    return new HttpResponse.BodySubscriber<>() {
      @Override
      public CompletionStage<String> getBody() {
        return left;
      }

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.cancel();
      }

      @Override
      public void onNext(List<ByteBuffer> item) {}

      @Override
      public void onError(Throwable throwable) {}

      @Override
      public void onComplete() {}
    };
  }

  private static String abbreviate(String text) {
    return text.length() > 160 ? text.substring(0, 160) + "…" : text;
  }
}
