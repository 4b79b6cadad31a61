package io.calisera.bff.auth;

import static io.calisera.bff.auth.AccessTokenTest.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.api.account.GrantRolesCommand;
import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Role;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.FakeAccounts;
import io.calisera.bff.testing.Logins;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;

/** dev-login: an account from an email, roles granted by the platform, and when it exists. */
@BffTest
class DevLoginTest {

  @Autowired MockMvc mvc;
  @Autowired FakeAccounts accounts;

  @AfterEach
  void readModelCatchesUp() {
    accounts.readModelLags(false);
  }

  @Test
  void aDevLoginRegistersTheAccountAndMeShowsIt() throws Exception {
    String email = unique("dora");
    String token = Logins.devLogin(mvc, email).accessToken();
    String accountId = AccountIds.ofDevLogin(email);

    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accountId").value(accountId))
        .andExpect(jsonPath("$.email").value(email))
        .andExpect(jsonPath("$.name").value("Test Person"))
        .andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.contains("CUSTOMER")));
    assertThat(accounts.sent())
        .filteredOn(
            s -> s.command() instanceof RegisterAccountCommand r && r.accountId().equals(accountId))
        .singleElement()
        .satisfies(
            s ->
                assertThat(((RegisterAccountCommand) s.command()).roles())
                    .containsExactly(Role.CUSTOMER));
  }

  @Test
  void rolesBeyondCustomerAreGrantedByThePlatform() throws Exception {
    String email = unique("adam");
    String token = Logins.devLogin(mvc, email, "ADMIN", "AUDITOR").accessToken();
    String accountId = AccountIds.ofDevLogin(email);

    assertThat(accounts.sent())
        .filteredOn(
            s -> s.command() instanceof GrantRolesCommand g && g.accountId().equals(accountId))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.actor()).isEqualTo(Actor.SYSTEM);
              assertThat(((GrantRolesCommand) s.command()).roles())
                  .isEqualTo(Set.of(Role.ADMIN, Role.AUDITOR));
            });
    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
        .andExpect(
            jsonPath("$.roles")
                .value(org.hamcrest.Matchers.containsInAnyOrder("CUSTOMER", "AUDITOR", "ADMIN")));
  }

  @Test
  void theSameEmailIsTheSameAccountAndIsRegisteredOnce() throws Exception {
    String email = unique("same");
    Logins.devLogin(mvc, email);
    Logins.devLogin(mvc, email.toUpperCase());
    assertThat(accounts.sent())
        .filteredOn(
            s ->
                s.command() instanceof RegisterAccountCommand r
                    && r.accountId().equals(AccountIds.ofDevLogin(email)))
        .hasSize(1);
  }

  @Test
  void whileTheReadModelLagsTheTokenAndMeCarryWhatTheLoginRegistered() throws Exception {
    accounts.readModelLags(true);
    String email = unique("lag");
    String token = Logins.devLogin(mvc, email, "PROVIDER").accessToken();
    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
        .andExpect(jsonPath("$.email").value(email))
        .andExpect(
            jsonPath("$.roles")
                .value(org.hamcrest.Matchers.containsInAnyOrder("CUSTOMER", "PROVIDER")));
  }

  /** The embedded local default: loopback, embedded PostgreSQL, a local base URL. */
  private static MockEnvironment embeddedLocal() {
    return new MockEnvironment().withProperty("server.address", "127.0.0.1");
  }

  @Test
  void unsetDevLoginIsOnOnlyForTheEmbeddedLocalPlatform() {
    assertThat(DevLoginCondition.enabled(embeddedLocal())).isTrue();
    assertThat(DevLoginCondition.enabled(embeddedLocal().withProperty("server.address", "::1")))
        .isTrue();
    assertThat(
            DevLoginCondition.enabled(embeddedLocal().withProperty("server.address", "localhost")))
        .isTrue();
    assertThat(DevLoginCondition.enabled(embeddedLocal().withProperty("server.address", "0.0.0.0")))
        .isFalse();
    assertThat(DevLoginCondition.enabled(embeddedLocal().withProperty("server.address", "")))
        .as("no address: every interface")
        .isFalse();
    assertThat(
            DevLoginCondition.enabled(
                embeddedLocal().withProperty("CALISERA_POSTGRES_URL", "jdbc:postgresql://db/x")))
        .isFalse();
    assertThat(
            DevLoginCondition.enabled(
                embeddedLocal()
                    .withProperty("calisera.public-base-url", "https://api.calisera.io")))
        .isFalse();
  }

  @Test
  void devLoginAskedForOnLoopbackWithTheEmbeddedStoreIsOn() {
    assertThat(
            DevLoginCondition.enabled(
                embeddedLocal()
                    .withProperty("calisera.public-base-url", "https://api.calisera.io")
                    .withProperty("calisera.auth.dev-login", "true")))
        .isTrue();
  }

  @Test
  void devLoginOffIsOffEverywhere() {
    for (MockEnvironment env :
        new MockEnvironment[] {
          embeddedLocal(),
          embeddedLocal().withProperty("server.address", "0.0.0.0"),
          embeddedLocal().withProperty("CALISERA_POSTGRES_URL", "jdbc:postgresql://db/x")
        }) {
      assertThat(DevLoginCondition.enabled(env.withProperty("calisera.auth.dev-login", "false")))
          .isFalse();
    }
  }

  @Test
  void devLoginAskedForWithAPublicBindOrAnExternalStoreRefusesToStart() {
    assertThat(
            catchThrowableOfType(
                    UnsafeDevLoginException.class,
                    () ->
                        DevLoginCondition.enabled(
                            embeddedLocal()
                                .withProperty("calisera.auth.dev-login", "true")
                                .withProperty("server.address", "0.0.0.0")))
                .getMessage())
        .contains("listens on 0.0.0.0 (CALISERA_BIND_ADDRESS)")
        .doesNotContain("CALISERA_POSTGRES_URL");
    assertThat(
            catchThrowableOfType(
                    UnsafeDevLoginException.class,
                    () ->
                        DevLoginCondition.enabled(
                            embeddedLocal()
                                .withProperty("calisera.auth.dev-login", "true")
                                .withProperty("server.address", "192.0.2.10")
                                .withProperty("CALISERA_POSTGRES_URL", "jdbc:postgresql://db/x")))
                .getMessage())
        .contains("listens on 192.0.2.10 (CALISERA_BIND_ADDRESS)")
        .contains("external PostgreSQL (CALISERA_POSTGRES_URL)");
    assertThat(
            catchThrowableOfType(
                    UnsafeDevLoginException.class,
                    () ->
                        DevLoginCondition.enabled(
                            embeddedLocal()
                                .withProperty("calisera.auth.dev-login", "true")
                                .withProperty("CALISERA_POSTGRES_URL", "jdbc:postgresql://db/x")))
                .getMessage())
        .contains("external PostgreSQL (CALISERA_POSTGRES_URL)")
        .doesNotContain("CALISERA_BIND_ADDRESS");
  }
}
