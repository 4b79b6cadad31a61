package io.calisera.bff.auth;

import static io.calisera.bff.auth.AccessTokenTest.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.Logins;
import io.calisera.bff.testing.MutableClock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Refresh tokens rotate, a re-used one revokes its family, logout revokes, and they expire. */
@BffTest
class RefreshTokenTest {

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void startOfTheTest() {
    clock.set(BffTestConfiguration.START);
  }

  @Test
  void aRefreshGivesANewPairAndTheOldTokenStopsWorking() throws Exception {
    Logins.Tokens login = Logins.devLogin(mvc, unique("rita"), "PROVIDER");
    clock.advance(Duration.ofMinutes(20));

    String answer =
        refresh(login.refreshToken())
            .andExpect(status().isOk())
            .andExpect(header().string("Cache-Control", "no-store"))
            .andExpect(jsonPath("$.tokenType").value("Bearer"))
            .andExpect(jsonPath("$.expiresIn").value(900))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String access = JsonPath.read(answer, "$.accessToken");
    String next = JsonPath.read(answer, "$.refreshToken");
    assertThat(next).isNotEqualTo(login.refreshToken());
    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + access))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.hasItem("PROVIDER")));

    refresh(login.refreshToken()).andExpect(status().isUnauthorized());
  }

  @Test
  void reusingASpentTokenRevokesTheWholeFamily() throws Exception {
    Logins.Tokens login = Logins.devLogin(mvc, unique("mallory"));
    String second = refreshToken(refresh(login.refreshToken()).andExpect(status().isOk()));
    String third = refreshToken(refresh(second).andExpect(status().isOk()));

    refresh(login.refreshToken())
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));

    refresh(third).andExpect(status().isUnauthorized());
  }

  @Test
  void logoutRevokesTheFamily() throws Exception {
    Logins.Tokens login = Logins.devLogin(mvc, unique("lou"));
    mvc.perform(
            post("/api/v1/auth/logout").header("Authorization", "Bearer " + login.accessToken()))
        .andExpect(status().isNoContent());
    refresh(login.refreshToken()).andExpect(status().isUnauthorized());
  }

  @Test
  void anotherLoginOfThePersonKeepsWorkingAfterLogout() throws Exception {
    String email = unique("two-phones");
    Logins.Tokens phone = Logins.devLogin(mvc, email);
    Logins.Tokens tablet = Logins.devLogin(mvc, email);
    mvc.perform(
            post("/api/v1/auth/logout").header("Authorization", "Bearer " + phone.accessToken()))
        .andExpect(status().isNoContent());
    refresh(tablet.refreshToken()).andExpect(status().isOk());
  }

  @Test
  void aRefreshTokenExpires() throws Exception {
    Logins.Tokens login = Logins.devLogin(mvc, unique("old"));
    clock.advance(Duration.ofDays(2).plusSeconds(1));
    refresh(login.refreshToken()).andExpect(status().isUnauthorized());
  }

  @Test
  void anUnknownTokenIs401AndAnEmptyOneIs400() throws Exception {
    refresh("made-up").andExpect(status().isUnauthorized());
    refresh("")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("refreshToken"));
  }

  @Test
  void onlyTheHashOfARefreshTokenIsStored() throws Exception {
    Logins.Tokens login = Logins.devLogin(mvc, unique("hash"));
    String hash = HexFormat.of().formatHex(RefreshTokens.hash(login.refreshToken()));
    List<Map<String, Object>> rows =
        jdbc.sql("select encode(token_hash, 'hex') as hash, t.* from refresh_token t")
            .query()
            .listOfRows();
    assertThat(rows).anyMatch(row -> hash.equals(row.get("hash")));
    assertThat(rows.toString()).doesNotContain(login.refreshToken());
  }

  private ResultActions refresh(String token) throws Exception {
    return mvc.perform(
        post("/api/v1/auth/refresh")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"refreshToken\":\"" + token + "\"}"));
  }

  private static String refreshToken(ResultActions result) throws Exception {
    return JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.refreshToken");
  }
}
