package io.calisera.bff.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.api.account.RegisterDeviceCommand;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.StubPlatform;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every request belongs to a W3C trace: the one its valid {@code traceparent} names, else a new
 * one; the answer says it with the bff's own span, and the commands the request sends carry the
 * trace id in their metadata, which the command side copies onto their events.
 */
@BffTest
class TraceParentTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String ME = "/api/v1/me";

  @Autowired MockMvc mvc;
  @Autowired StubPlatform platform;

  Api api;
  Api.Person customer;

  @BeforeEach
  void aCustomer() throws Exception {
    api = new Api(mvc);
    customer = api.person("cara");
  }

  @Test
  void aRequestsTraceIsContinuedAnsweredAndSentWithItsCommands() throws Exception {
    platform.on(RegisterDeviceCommand.class).succeed();
    String traceparent = "00-" + TRACE + "-00f067aa0ba902b7-01";

    String answered =
        mvc.perform(
                Api.call(
                        HttpMethod.POST,
                        "/api/v1/me/devices",
                        customer.token(),
                        "{\"platform\":\"APNS\",\"token\":\"a1b2c3\"}")
                    .header(TraceParent.HEADER, traceparent))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getHeader(TraceParent.HEADER);

    assertThat(answered).matches("00-" + TRACE + "-[0-9a-f]{16}-01").isNotEqualTo(traceparent);
    assertThat(platform.commandMetaData()).hasSize(1);
    assertThat(platform.commandMetaData().get(0)).containsEntry(TraceParent.TRACE_ID, TRACE);
  }

  @Test
  void aRequestWithoutAValidTraceStartsOne() throws Exception {
    for (String invalid :
        List.of(
            "",
            "00-" + TRACE.toUpperCase() + "-00f067aa0ba902b7-01",
            "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01",
            "00-" + TRACE + "-" + "0".repeat(16) + "-01",
            "ff-" + TRACE + "-00f067aa0ba902b7-01",
            "00-" + TRACE + "-00f067aa0ba902b7-01-extra",
            "garbage")) {
      String answered =
          mvc.perform(
                  Api.call(HttpMethod.GET, ME, customer.token(), null)
                      .header(TraceParent.HEADER, invalid))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getHeader(TraceParent.HEADER);
      assertThat(answered).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain(TRACE);
    }
    String problem =
        mvc.perform(Api.call(HttpMethod.GET, "/api/v1/audit/access", null, null))
            .andReturn()
            .getResponse()
            .getHeader(TraceParent.HEADER);
    assertThat(problem)
        .as("problems (here a 401) say their trace too")
        .matches("00-[0-9a-f]{32}-.*");
    // a later version's header with more fields is continued
    String future =
        mvc.perform(
                Api.call(HttpMethod.GET, ME, customer.token(), null)
                    .header(TraceParent.HEADER, "01-" + TRACE + "-00f067aa0ba902b7-00-more"))
            .andReturn()
            .getResponse()
            .getHeader(TraceParent.HEADER);
    assertThat(future).startsWith("00-" + TRACE + "-").endsWith("-00");
  }
}
