package io.calisera.bff.config;

import io.calisera.bff.auth.Public;
import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of the servlet container (errors that happen outside Spring MVC, e.g. in a filter
 * or in Tomcat itself) as a problem, instead of Boot's default error body.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

  @Public
  @RequestMapping("/error")
  ResponseEntity<Object> error(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer value ? value : 500;
    if (code < 400) {
      code = 500;
    }
    ProblemCode problem = ProblemCode.forStatus(code);
    return ResponseEntity.status(code)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.body(problem, null, Problems.instance(request), List.of()));
  }
}
