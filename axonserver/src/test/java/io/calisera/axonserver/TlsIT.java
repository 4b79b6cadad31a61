package io.calisera.axonserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.calisera.axonserver.support.HubClient;
import io.calisera.axonserver.support.TestCertificate;
import io.calisera.axonserver.testapp.Bank.DepositCommand;
import io.calisera.axonserver.testapp.Bank.Handled;
import io.calisera.axonserver.testapp.Bank.OpenAccountCommand;
import io.calisera.axonserver.testapp.TestApplication;
import io.calisera.testing.HubApplications;
import io.calisera.testing.HubProcess;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's gRPC port with TLS from configured certificate files, and the stock connector talking
 * to it with {@code axon.axonserver.ssl-enabled} and {@code cert-file}, with a certificate the test
 * makes; clients that do not speak TLS, or do not trust the certificate, get nowhere. Without TLS
 * the hub will not listen beyond loopback.
 */
class TlsIT {

  @TempDir static Path home;
  static TestCertificate certificate;
  static HubProcess hub;

  @BeforeAll
  static void startHubWithTls() {
    certificate = TestCertificate.forLocalhost(home.resolve("tls"), "hub");
    hub =
        HubProcess.start(
            home.resolve("hub"),
            Map.of(
                "CALISERA_HUB_TLS_CERT_CHAIN_FILE", certificate.certificate().toString(),
                "CALISERA_HUB_TLS_PRIVATE_KEY_FILE", certificate.privateKey().toString()));
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.stop();
    }
  }

  @Test
  void aStockApplicationTrustingTheCertificateWorksOverTls() {
    try (var app =
        TestApplication.start(
            "tls-app",
            hub,
            "axon.axonserver.ssl-enabled=true",
            "axon.axonserver.cert-file=" + certificate.certificate())) {
      var gateway = app.getBean(CommandGateway.class);
      String account = "acc-" + UUID.randomUUID();

      gateway.sendAndWait(new OpenAccountCommand(account), 30, TimeUnit.SECONDS);
      Handled deposited =
          gateway.sendAndWait(new DepositCommand(account, 5, 0), 30, TimeUnit.SECONDS);

      assertThat(deposited.balance()).isEqualTo(5);
    }
  }

  @Test
  void aPlaintextClientGetsNoAnswer() {
    try (var plaintext = HubClient.connect(hub)) {
      Throwable failure = catchThrowable(plaintext::lastToken);

      assertThat(failure).isInstanceOf(StatusRuntimeException.class);
      assertThat(((StatusRuntimeException) failure).getStatus().getCode())
          .isEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  @Test
  void aTlsClientThatDoesNotTrustTheCertificateGetsNoAnswer() throws IOException {
    ManagedChannel untrusting =
        NettyChannelBuilder.forAddress("localhost", hub.grpcPort())
            .sslContext(GrpcSslContexts.forClient().build())
            .build();
    try (var client = HubClient.on(untrusting, hub.token(HubApplications.TESTER))) {
      Throwable failure = catchThrowable(client::lastToken);

      assertThat(failure).isInstanceOf(StatusRuntimeException.class);
      assertThat(((StatusRuntimeException) failure).getStatus().getCode())
          .isEqualTo(Status.Code.UNAVAILABLE);
    }
    ManagedChannel trusting =
        NettyChannelBuilder.forAddress("localhost", hub.grpcPort())
            .sslContext(
                GrpcSslContexts.forClient()
                    .trustManager(certificate.certificate().toFile())
                    .build())
            .build();
    try (var client = HubClient.on(trusting, hub.token(HubApplications.TESTER))) {
      assertThat(client.lastToken())
          .as("the same call, trusting the certificate")
          .isGreaterThanOrEqualTo(-1L);
    }
  }

  @Test
  void withoutTlsTheHubRefusesToListenBeyondLoopback() throws IOException {
    Path refusedHome = home.resolve("plaintext-everywhere");
    Throwable refused =
        catchThrowable(
            () -> HubProcess.start(refusedHome, Map.of("CALISERA_HUB_BIND_ADDRESS", "0.0.0.0")));

    assertThat(refused).hasMessageContaining("exited");
    assertThat(Files.readString(refusedHome.resolve("hub.log")))
        .contains("would listen on 0.0.0.0 without TLS");
  }
}
