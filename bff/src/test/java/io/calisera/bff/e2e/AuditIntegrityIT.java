package io.calisera.bff.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.bff.testing.SharedPlatform;
import io.calisera.testing.ApiClient;
import io.calisera.testing.ApiClient.Answer;
import io.calisera.testing.PlatformProcesses;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The auditors' integrity check end to end: the bff in this JVM asks the real hub (its jar, with
 * the bff's own token and the rights {@code hub-rights} gives it) to verify the real history, which
 * the platform and this class have written through the public API ({@link SharedPlatform}).
 */
@ExtendWith(SharedPlatform.class)
@Order(4) // after BffIT: any business time will do
class AuditIntegrityIT {

  static PlatformProcesses platform;
  static ApiClient http;

  @BeforeAll
  static void aHistoryWithAtLeastOneChange(SharedPlatform.Running shared) {
    platform = shared.platform();
    http = new ApiClient(platform.bffUrl() + "/api/v1");
    String owner = login("owner-" + UUID.randomUUID().toString().substring(0, 8) + "@e.com");
    Answer created =
        http.post(
            "/providers",
            owner,
            "{\"displayName\":\"Salon Integrity\",\"timeZone\":\"Europe/Berlin\","
                + "\"city\":\"Berlin\",\"category\":\"Hair\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
  }

  @Test
  void anAuditorHasTheWholeHistoryVerifiedByTheHub() {
    String auditor = login("audrey-integrity@e.com", "AUDITOR");

    Answer answer = http.get("/audit/integrity", auditor);

    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    Map<String, Object> body = answer.json("$");
    assertThat(body)
        .containsOnlyKeys(
            "eventsChecked", "valid", "firstInvalidPosition", "headPosition", "lastCheckpoint");
    assertThat(body.get("valid")).isEqualTo(true);
    assertThat(body.get("firstInvalidPosition")).isNull();
    long head = ((Number) body.get("headPosition")).longValue();
    assertThat(head).isPositive();
    assertThat(((Number) body.get("eventsChecked")).longValue())
        .as("every event, also any written meanwhile")
        .isGreaterThanOrEqualTo(head + 1);
    long checkpoint = ((Number) answer.json("$.lastCheckpoint.position")).longValue();
    assertThat(checkpoint).isBetween(-1L, head);
    assertThat(Instant.parse(answer.<String>json("$.lastCheckpoint.at"))).isNotNull();

    // the same as the hub says to its operator
    assertThat(platform.hub().get("/v1/integrity").body()).contains("\"valid\":true");
    List<String> read = http.get("/audit/access?size=500", auditor).json("$[*].path");
    assertThat(read).contains("/api/v1/audit/integrity");
  }

  @Test
  void nobodyElseHasItVerified() {
    assertThat(http.get("/audit/integrity", null).status()).isEqualTo(401);
    for (String role : new String[] {"CUSTOMER", "ADMIN"}) {
      String someone = login(role.toLowerCase() + "-integrity@e.com", role);
      assertThat(http.get("/audit/integrity", someone).status()).as(role).isEqualTo(403);
    }
  }

  static String login(String email, String... roles) {
    StringBuilder held = new StringBuilder();
    for (String role : roles) {
      held.append(held.isEmpty() ? "" : ",").append('"').append(role).append('"');
    }
    Answer login =
        http.post(
            "/auth/dev-login",
            null,
            "{\"email\":\"" + email + "\",\"name\":\"Someone\",\"roles\":[" + held + "]}");
    assertThat(login.status()).as("%s", login).isEqualTo(200);
    return login.json("$.accessToken");
  }
}
