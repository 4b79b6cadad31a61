package io.calisera.bff.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.api.common.RefusalCode;
import io.calisera.bff.testing.BffTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Every kind of failure reaches the client as an RFC 9457 problem with a code. */
@BffTest
class ProblemsTest {

  @Autowired MockMvc mvc;

  @Test
  void malformedJsonIs400MalformedRequest() throws Exception {
    problem(
            mvc.perform(
                post("/test/echo").contentType(MediaType.APPLICATION_JSON).content("{\"name\":")),
            400,
            "MALFORMED_REQUEST")
        .andExpect(jsonPath("$.errors").doesNotExist());
  }

  @Test
  void aMissingBodyIs400MalformedRequest() throws Exception {
    problem(
        mvc.perform(post("/test/echo").contentType(MediaType.APPLICATION_JSON)),
        400,
        "MALFORMED_REQUEST");
  }

  @Test
  void beanValidationNamesEveryField() throws Exception {
    problem(
            mvc.perform(
                post("/test/echo")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\" \",\"count\":11}")),
            400,
            "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors.length()").value(2))
        .andExpect(
            jsonPath("$.errors[*].field")
                .value(org.hamcrest.Matchers.containsInAnyOrder("name", "count")))
        .andExpect(jsonPath("$.errors[0].message").isNotEmpty());
  }

  @Test
  void aValueOfTheWrongTypeNamesItsField() throws Exception {
    problem(
            mvc.perform(
                post("/test/echo")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"x\",\"count\":\"many\"}")),
            400,
            "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("count"));
  }

  @Test
  void anUnknownEnumConstantNamesItsFieldAndTheChoices() throws Exception {
    problem(
            mvc.perform(
                post("/api/v1/auth/dev-login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"email\":\"a@b.example\",\"name\":\"A\",\"roles\":[\"KING\"]}")),
            400,
            "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("roles[0]"))
        .andExpect(
            jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("ADMIN")));
  }

  @Test
  void aBadQueryParameterNamesIt() throws Exception {
    problem(mvc.perform(get("/test/count").param("value", "ten")), 400, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("value"));
    problem(mvc.perform(get("/test/count")), 400, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("value"));
  }

  @Test
  void anApiMessageRefusingAFieldIs400NamingIt() throws Exception {
    problem(mvc.perform(get("/test/api-refuses-a-field")), 400, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("email"))
        .andExpect(jsonPath("$.errors[0].message").value("email must not be blank"));
  }

  @Test
  void aBodyLargerThanTheLimitIs413() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(5000) + "\",\"count\":1}";
    problem(
        mvc.perform(post("/test/echo").contentType(MediaType.APPLICATION_JSON).content(big)),
        413,
        "PAYLOAD_TOO_LARGE");
  }

  @Test
  void aBodyThatGrowsPastTheLimitWithoutALengthIs413() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(5000) + "\",\"count\":1}";
    problem(
        mvc.perform(
            post("/test/echo")
                .contentType(MediaType.APPLICATION_JSON)
                .content(big)
                .with(
                    request -> {
                      request.removeHeader("Content-Length");
                      return new UnknownLength(request);
                    })),
        413,
        "PAYLOAD_TOO_LARGE");
  }

  @Test
  void anUnknownPathIs404ForAnyone() throws Exception {
    problem(mvc.perform(get("/api/v1/no-such-thing")), 404, "NOT_FOUND")
        .andExpect(jsonPath("$.instance").value("/api/v1/no-such-thing"));
    problem(mvc.perform(get("/actuator/env")), 401, "UNAUTHENTICATED");
  }

  @Test
  void aWrongMethodIs405WithAllow() throws Exception {
    problem(mvc.perform(put("/api/v1/auth/token")), 405, "METHOD_NOT_ALLOWED")
        .andExpect(header().string("Allow", "POST"));
  }

  @Test
  void aWrongMediaTypeIs415() throws Exception {
    problem(
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.TEXT_PLAIN).content("x")),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @ParameterizedTest
  @EnumSource(RefusalCode.class)
  void everyRefusalHasTheContractsStatus(RefusalCode code) throws Exception {
    problem(
            mvc.perform(get("/test/refused/" + code)),
            ProblemCode.of(code).status().value(),
            code.name())
        .andExpect(jsonPath("$.detail").value("refused as " + code));
  }

  @Test
  void aBugIsA500ThatTellsNothingInternal() throws Exception {
    String body =
        problem(mvc.perform(get("/test/bug")), 500, "INTERNAL_ERROR")
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(body).doesNotContain("secret", "db-7", "IllegalStateException", "at io.");
  }

  @Test
  void theHubMetAwayAnywhereIs503WithRetryAfterNotA500() throws Exception {
    problem(mvc.perform(get("/test/hub-away")), 503, "SERVICE_UNAVAILABLE")
        .andExpect(header().string("Retry-After", "2"));
  }

  @Test
  void healthIsPublicAndTellsTheStatusOnly() throws Exception {
    mvc.perform(get("/actuator/health"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.components").doesNotExist());
  }

  private static ResultActions problem(ResultActions result, int status, String code)
      throws Exception {
    return result
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").isNotEmpty())
        .andExpect(jsonPath("$.title").isNotEmpty())
        .andExpect(jsonPath("$.status").value(status))
        .andExpect(jsonPath("$.detail").isNotEmpty())
        .andExpect(jsonPath("$.code").value(code));
  }

  /** A request whose body length the server cannot know up front (chunked). */
  private static final class UnknownLength
      extends org.springframework.mock.web.MockHttpServletRequest {
    private final org.springframework.mock.web.MockHttpServletRequest original;

    UnknownLength(org.springframework.mock.web.MockHttpServletRequest original) {
      super(original.getServletContext(), original.getMethod(), original.getRequestURI());
      this.original = original;
      setContentType(original.getContentType());
      setContent(original.getContentAsByteArray());
      addHeader("Content-Type", original.getContentType());
    }

    @Override
    public long getContentLengthLong() {
      return -1;
    }

    @Override
    public int getContentLength() {
      return -1;
    }
  }
}
