package io.calisera.bff.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error answers, for requests it refuses before any filter or servlet sees them (an
 * encoded NUL or a malformed escape in the path, say), as problems like every other error: Tomcat's
 * default writes an HTML page. Installed as the host's error report valve ({@code
 * WebConfiguration}); errors that reach the application are answered by it, not here.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    ProblemCode code = ProblemCode.forStatus(status);
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(
            JSON.writeValueAsString(
                Problems.body(code, null, request.getDecodedRequestURI(), List.of())));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response was taken; nothing more to say
    }
  }
}
