package io.calisera.system;

import static io.calisera.testing.ApiClient.hours;
import static io.calisera.testing.ApiClient.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.axoniq.axonserver.grpc.event.GetAggregateSnapshotsRequest;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrRequest;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.calisera.api.account.AccountView;
import io.calisera.api.account.FindAccountQuery;
import io.calisera.api.account.GrantRolesCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.CommandFailures;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.Role;
import io.calisera.testing.ApiClient;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform as {@code ./calisera up} starts it (every service its own process with its own token
 * and the rights of {@code hub-rights}), attacked: the hub listens on loopback only, and a client
 * without a token, with a wrong one or with another service's token is refused what that token may
 * not do; nobody but the bff acts for a person. The legitimate platform still books.
 */
@Order(2)
@ExtendWith(SharedPlatform.class)
class SecurityIT {

  private static final Metadata.Key<String> TOKEN_HEADER =
      Metadata.Key.of(HubProcess.ACCESS_TOKEN_HEADER, Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

  /** Tokens that are not any application's, or another service's. */
  private static final String NONE = null;

  private static final String WRONG = "0".repeat(64);

  static HubProcess hub;
  static ApiClient api;
  static ManagedChannel channel;

  @BeforeAll
  static void takeThePlatform(SharedPlatform.Running shared) {
    hub = shared.platform().hub();
    api = ApiClient.onPort(shared.platform().process("bff-1").httpPort());
    channel = hub.channel();
  }

  @AfterAll
  static void closeTheChannel() {
    if (channel != null) {
      channel.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- reachable only where meant

  @Test
  void nothingOfTheHubListensBeyondLoopback() throws IOException {
    List<InetAddress> elsewhere = nonLoopbackAddresses();
    assertThat(elsewhere)
        .as("this machine's addresses other than loopback, to knock on")
        .isNotEmpty();
    for (InetAddress address : elsewhere) {
      for (int port : new int[] {hub.grpcPort(), hub.httpPort()}) {
        assertThat(catchThrowable(() -> knock(address, port)))
            .as("%s:%d", address.getHostAddress(), port)
            .isInstanceOf(ConnectException.class);
      }
    }
    knock(InetAddress.getLoopbackAddress(), hub.grpcPort());
    knock(InetAddress.getLoopbackAddress(), hub.httpPort());
  }

  // ---------------------------------------------------------------- what a token may not do

  @Test
  void noTokenAndAWrongTokenAreRefusedEverything() {
    for (String token : new String[] {NONE, WRONG}) {
      String code = token == null ? "AXONIQ-1000" : "AXONIQ-1001";
      String aggregate = "intruder-" + UUID.randomUUID();
      assertRefused(() -> append(token, event(aggregate, false)), code, null);
      assertRefused(() -> snapshot(token, event(aggregate, true)), code, null);
      assertRefused(() -> readEvents(token), code, null);
      assertRefused(() -> answerQueries(token), code, null);
      assertRefused(() -> dispatch(token, "io.calisera.api.account.GrantRolesCommand"), code, null);
      assertNothingStored(aggregate);
    }
  }

  @Test
  void anotherServicesTokenIsRefusedWhatThatServiceMayNotDo() {
    String bff = hub.token("bff");
    String querySide = hub.token("query-side");
    String commandSide = hub.token("command-side");
    String aggregate = "intruder-" + UUID.randomUUID();

    assertRefused(() -> append(bff, event(aggregate, false)), "AXONIQ-1001", "append-events");
    assertRefused(() -> snapshot(bff, event(aggregate, true)), "AXONIQ-1001", "append-events");
    assertRefused(() -> readEvents(bff), "AXONIQ-1001", "read-events");
    assertRefused(() -> append(querySide, event(aggregate, false)), "AXONIQ-1001", "append-events");
    assertRefused(
        () -> snapshot(querySide, event(aggregate, true)), "AXONIQ-1001", "append-events");
    assertRefused(
        () -> dispatch(querySide, "io.calisera.api.account.GrantRolesCommand"),
        "AXONIQ-1001",
        "dispatch-commands");
    assertRefused(() -> answerQueries(commandSide), "AXONIQ-1001", "answer-queries");
    assertNothingStored(aggregate);
  }

  @Test
  void noServiceButTheBffCanActForAPerson() {
    String login = api.devLogin("mallory@example.com", "Mallory");
    String accountId = ok(200, api.get("/me", login)).get("accountId").asText();
    Actor mallory = Actor.account(accountId, Set.of(Role.ADMIN));
    long registered = highestSequence(accountId);

    try (var saga = PlatformClient.connect(hub, "notification-saga");
        var querySide = PlatformClient.connect(hub, "query-side")) {
      // notification-saga may send commands, but only as the platform: the command side refuses
      // one that names a person, on the hub's word of who sent it
      Throwable asAPerson = catchThrowable(() -> saga.send(grantAdmin(accountId, mallory)));
      assertThat(CommandFailures.refusal(asAPerson))
          .as("a command from notification-saga acting as a person: %s", asAPerson)
          .map(refusal -> refusal.code())
          .contains(RefusalCode.FORBIDDEN);
      // the query side may not send commands at all
      Throwable fromTheQuerySide =
          catchThrowable(() -> querySide.send(grantAdmin(accountId, Actor.SYSTEM)));
      assertThat(fromTheQuerySide).hasStackTraceContaining("AXONIQ-1001");
    }
    assertThat(highestSequence(accountId)).as("no role was granted").isEqualTo(registered);
  }

  // ---------------------------------------------------------------- the platform still works

  @Test
  void theLegitimatePlatformStillBooksEndToEnd() {
    String owner = api.devLogin("security-owner@example.com", "Owner");
    ApiClient.Offer offer =
        api.offer(
            owner,
            "Safe",
            "UTC",
            "{\"name\":\"Session\",\"durationMinutes\":30}",
            Stream.of(DayOfWeek.values()).map(day -> hours(day, "08:00", "18:00")).toList());
    LocalDate day = LocalDate.now(Clock.systemUTC()).plusDays(2);

    JsonNode booking =
        ok(
            201,
            api.post(
                "/bookings",
                null,
                ApiClient.booking(
                    offer.providerId(), offer.serviceId(), day + "T09:00:00Z", "guest")));

    assertThat(booking.get("status").asText()).isEqualTo("CONFIRMED");
    ok(200, api.get("/bookings/" + booking.get("bookingId").asText(), owner));
  }

  // ---------------------------------------------------------------- gRPC, raw

  private static Confirmation append(String token, Event event) {
    var answer = new CompletableFuture<Confirmation>();
    StreamObserver<Event> transaction =
        withToken(EventStoreGrpc.newStub(channel), token).appendEvent(completing(answer));
    transaction.onNext(event);
    transaction.onCompleted();
    return await(answer);
  }

  private static Confirmation snapshot(String token, Event snapshot) {
    return withToken(EventStoreGrpc.newBlockingStub(channel), token)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .appendSnapshot(snapshot);
  }

  private static EventWithToken readEvents(String token) {
    var first = new CompletableFuture<EventWithToken>();
    withToken(EventStoreGrpc.newStub(channel), token)
        .listEvents(completing(first))
        .onNext(GetEventsRequest.newBuilder().setTrackingToken(0).setNumberOfPermits(10).build());
    return await(first);
  }

  /** Subscribes as the handler of the account query, as the query side does. */
  private static QueryProviderInbound answerQueries(String token) {
    var first = new CompletableFuture<QueryProviderInbound>();
    StreamObserver<QueryProviderOutbound> stream =
        withToken(QueryServiceGrpc.newStub(channel), token).openStream(completing(first));
    stream.onNext(
        QueryProviderOutbound.newBuilder()
            .setFlowControl(FlowControl.newBuilder().setClientId("intruder").setPermits(10))
            .build());
    stream.onNext(
        QueryProviderOutbound.newBuilder()
            .setInstructionId("subscribe-1")
            .setSubscribe(
                QuerySubscription.newBuilder()
                    .setMessageId("subscribe-1")
                    .setQuery(FindAccountQuery.class.getName())
                    .setResultName(AccountView.class.getName())
                    .setClientId("intruder")
                    .setComponentName("query-side"))
            .build());
    return await(first);
  }

  private static Object dispatch(String token, String name) {
    return withToken(CommandServiceGrpc.newBlockingStub(channel), token)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .dispatch(
            Command.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setName(name)
                .setPayload(payload(name))
                .build());
  }

  private static long highestSequence(String aggregate) {
    return withToken(EventStoreGrpc.newBlockingStub(channel), hub.token(HubApplications.TESTER))
        .readHighestSequenceNr(
            ReadHighestSequenceNrRequest.newBuilder().setAggregateId(aggregate).build())
        .getToSequenceNr();
  }

  private static void assertNothingStored(String aggregate) {
    assertThat(highestSequence(aggregate)).as("no event of %s", aggregate).isEqualTo(-1);
    assertThat(
            withToken(EventStoreGrpc.newBlockingStub(channel), hub.token(HubApplications.TESTER))
                .listAggregateSnapshots(
                    GetAggregateSnapshotsRequest.newBuilder()
                        .setAggregateId(aggregate)
                        .setMaxSequence(Long.MAX_VALUE)
                        .build())
                .hasNext())
        .as("no snapshot of %s", aggregate)
        .isFalse();
  }

  /**
   * The call fails with PERMISSION_DENIED and the error code; {@code right}, when given, is the
   * right the refusal names.
   */
  private static void assertRefused(Supplier<?> call, String code, String right) {
    Throwable failure = catchThrowable(call::get);
    assertThat(failure).isInstanceOf(StatusRuntimeException.class);
    var refusal = (StatusRuntimeException) failure;
    assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(refusal.getTrailers().get(ERROR_CODE)).isEqualTo(code);
    if (right != null) {
      assertThat(refusal.getStatus().getDescription()).endsWith("needs the right " + right);
    }
  }

  private static <S extends AbstractStub<S>> S withToken(S stub, String token) {
    var headers = new Metadata();
    if (token != null) {
      headers.put(TOKEN_HEADER, token);
    }
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static Event event(String aggregate, boolean snapshot) {
    return Event.newBuilder()
        .setMessageIdentifier(UUID.randomUUID().toString())
        .setAggregateIdentifier(aggregate)
        .setAggregateSequenceNumber(0)
        .setAggregateType(snapshot ? "Account" : "Provider")
        .setTimestamp(System.currentTimeMillis())
        .setPayload(payload(snapshot ? "io.calisera.command.account.Account" : "forged.Event"))
        .build();
  }

  private static SerializedObject payload(String type) {
    return SerializedObject.newBuilder()
        .setType(type)
        .setData(ByteString.copyFrom("{}", StandardCharsets.UTF_8))
        .build();
  }

  private static <T> StreamObserver<T> completing(CompletableFuture<T> answer) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        answer.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        answer.completeExceptionally(new IllegalStateException("completed without an answer"));
      }
    };
  }

  private static <T> T await(CompletableFuture<T> answer) {
    try {
      return answer.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static GrantRolesCommand grantAdmin(String accountId, Actor actor) {
    return new GrantRolesCommand(
        accountId, Set.of(Role.ADMIN), actor, Instant.now(Clock.systemUTC()));
  }

  private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
    var addresses = new ArrayList<InetAddress>();
    for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
      if (network.isUp() && !network.isLoopback()) {
        network
            .inetAddresses()
            .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
            .filter(a -> !(a instanceof Inet6Address))
            .forEach(addresses::add);
      }
    }
    return addresses;
  }

  private static void knock(InetAddress address, int port) throws IOException {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
    }
  }
}
