package io.calisera.bff.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calisera.bff.testing.BffTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The providers' app as the bff serves it to anyone: one shell with the pages' strict
 * Content-Security-Policy (its module signs in and does the rest through the public API: {@code
 * system-tests}' StudioIT), the web app manifest with icons the platform serves, and the service
 * worker allowed to control {@code /studio}. Addresses below the app that are none of these are
 * 404.
 */
@BffTest
class StudioTest {

  private static final String CSP =
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none';"
          + " object-src 'none'";

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;

  @Test
  void theShellIsTheSameForEveryoneWithTheStrictPolicyAndTheManifest() throws Exception {
    String html =
        mvc.perform(get("/studio").accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
            .andExpect(header().string("Content-Security-Policy", CSP))
            .andExpect(header().string("X-Content-Type-Options", "nosniff"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html)
        .contains("<link rel=\"manifest\" href=\"/studio/manifest.webmanifest\">")
        .contains("<script type=\"module\" src=\"/assets/studio.js\"></script>")
        .contains("data-dev-sign-in=\"true\"")
        .doesNotContain("<script>")
        .doesNotContain("style=");
  }

  @Test
  void theManifestMakesTheAppInstallableWithIconsThePlatformServes() throws Exception {
    String body =
        mvc.perform(get("/studio/manifest.webmanifest"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("application/manifest+json"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    JsonNode manifest = json.readTree(body);
    assertThat(manifest.get("start_url").asText()).isEqualTo("/studio");
    assertThat(manifest.get("scope").asText()).isEqualTo("/studio");
    assertThat(manifest.get("display").asText()).isEqualTo("standalone");
    assertThat(manifest.get("icons")).hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode icon : manifest.get("icons")) {
      mvc.perform(get(icon.get("src").asText()))
          .andExpect(status().isOk())
          .andExpect(content().contentTypeCompatibleWith(icon.get("type").asText()));
    }
  }

  @Test
  void theServiceWorkerMayControlTheAppAndIsNeverCachedByHttp() throws Exception {
    mvc.perform(get("/studio/sw.js"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/javascript"))
        .andExpect(header().string("Service-Worker-Allowed", "/studio"))
        .andExpect(header().string("Cache-Control", "no-cache"));
    mvc.perform(get("/assets/studio.js"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/javascript"));
    mvc.perform(get("/assets/studio.css"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/css"));
  }

  @Test
  void otherAddressesBelowTheAppAreNotFound() throws Exception {
    for (String path :
        new String[] {"/studio/", "/studio/nothing", "/studio/sw.js/x", "/studio/../studio/sw"}) {
      assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus())
          .as(path)
          .isIn(400, 404);
    }
  }
}
