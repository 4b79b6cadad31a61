package io.calisera.bff.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.calisera.bff.BffApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The real application, asked for dev-login where others could reach it, does not start. */
@ExtendWith(OutputCaptureExtension.class)
class UnsafeDevLoginTest {

  @Test
  void theBffRefusesToStartWithDevLoginOnAPublicAddressAndSaysWhy(CapturedOutput output) {
    Throwable failure =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(BffApplication.class)
                    .run(
                        "--calisera.home=target/test-home/unsafe-dev-login",
                        "--server.address=0.0.0.0",
                        "--server.port=0",
                        "--calisera.auth.dev-login=true",
                        "--axon.axonserver.enabled=false"));

    assertThat(failure).isInstanceOf(UnsafeDevLoginException.class);
    assertThat(output.getOut())
        .contains("APPLICATION FAILED TO START")
        .contains(
            "dev-login is on (CALISERA_AUTH_DEV_LOGIN=true) while the bff listens on 0.0.0.0"
                + " (CALISERA_BIND_ADDRESS)")
        .contains("Unset CALISERA_AUTH_DEV_LOGIN")
        .as("refused before anything started: no database, no web server")
        .doesNotContain("Starting BffApplication")
        .doesNotContain("embedded PostgreSQL on port")
        .doesNotContain("Tomcat initialized");
  }
}
