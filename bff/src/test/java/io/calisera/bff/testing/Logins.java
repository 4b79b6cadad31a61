package io.calisera.bff.testing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Logging in through the bff's own endpoints, for tests. */
public final class Logins {

  private Logins() {}

  public record Tokens(String accessToken, String refreshToken) {}

  public static Tokens devLogin(MockMvc mvc, String email, String... roles) throws Exception {
    String roleList = roles.length == 0 ? "[]" : "[\"" + String.join("\",\"", roles) + "\"]";
    String body =
        mvc.perform(
                post("/api/v1/auth/dev-login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"email\":\""
                            + email
                            + "\",\"name\":\"Test Person\",\"roles\":"
                            + roleList
                            + "}"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    return new Tokens(JsonPath.read(body, "$.accessToken"), JsonPath.read(body, "$.refreshToken"));
  }
}
