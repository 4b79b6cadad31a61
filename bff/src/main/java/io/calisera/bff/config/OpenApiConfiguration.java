package io.calisera.bff.config;

import io.calisera.bff.BffProperties;
import io.calisera.bff.auth.EndpointAccess;
import io.calisera.bff.ratelimit.RateLimited;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.OptionalAuthentication;
import io.calisera.bff.web.ProblemCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The OpenAPI 3.1 description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): the
 * Bearer scheme, and on every operation that is not {@code @Public} its security requirement, who
 * may call it and the 401/403 problems.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String BEARER = "bearer";

  /** The scheme of a guest's booking capability (see the booking endpoints). */
  public static final String BOOKING_CAPABILITY = "bookingCapability";

  @Bean
  OpenAPI calisera(BffProperties properties) {
    Schema<?> problem =
        new Schema<>()
            .type("object")
            .description(
                "RFC 9457 problem: type, title, status, detail, instance, code, and for"
                    + " validation errors errors: [{field, message}]");
    return new OpenAPI()
        .info(
            new Info()
                .title("Calisera API")
                .version("v1")
                .description(
                    "Errors are application/problem+json with a machine-readable code."
                        + " Authenticate with a Calisera access token (POST /api/v1/auth/token)"
                        + " as Authorization: Bearer, or with the web login's session cookie"
                        + " (state-changing requests then need X-XSRF-TOKEN)."))
        .servers(List.of(new Server().url(properties.issuer())))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("A Calisera access token"))
                .addSecuritySchemes(
                    BOOKING_CAPABILITY,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("Booking-Capability")
                        .description(
                            "The capability of one booking: the last path segment of the"
                                + " manageUrl a booking answered with. Opens viewing, cancelling"
                                + " and rescheduling of that booking alone."))
                .addSchemas("Problem", problem));
  }

  /**
   * The problems of every operation: 400 for one that takes input (and 413 for a body), 429 for a
   * {@link RateLimited} one, and those its {@link ApiProblems} lists, grouped by status.
   */
  @Bean
  OperationCustomizer problemResponses() {
    return (operation, handler) -> {
      Set<ProblemCode> codes = new LinkedHashSet<>();
      for (MethodParameter parameter : handler.getMethodParameters()) {
        if (parameter.hasParameterAnnotation(RequestBody.class)) {
          codes.add(ProblemCode.VALIDATION_FAILED);
          codes.add(ProblemCode.MALFORMED_REQUEST);
          codes.add(ProblemCode.PAYLOAD_TOO_LARGE);
        } else if (parameter.hasParameterAnnotation(RequestParam.class)
            || parameter.hasParameterAnnotation(PathVariable.class)
            || parameter.hasParameterAnnotation(RequestHeader.class)) {
          codes.add(ProblemCode.VALIDATION_FAILED);
        }
      }
      if (handler.hasMethodAnnotation(RateLimited.class)) {
        codes.add(ProblemCode.TOO_MANY_REQUESTS);
      }
      ApiProblems listed = handler.getMethodAnnotation(ApiProblems.class);
      if (listed != null) {
        codes.addAll(Arrays.asList(listed.value()));
      }
      Map<Integer, List<String>> byStatus = new TreeMap<>();
      for (ProblemCode code : codes) {
        byStatus.computeIfAbsent(code.status().value(), s -> new ArrayList<>()).add(code.name());
      }
      byStatus.forEach(
          (status, names) ->
              operation
                  .getResponses()
                  .addApiResponse(
                      String.valueOf(status),
                      new ApiResponse()
                          .description("Problem with code " + String.join(" or ", names))
                          .content(problemContent())));
      return operation;
    };
  }

  private static Content problemContent() {
    return new Content()
        .addMediaType(
            "application/problem+json",
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
  }

  @Bean
  OperationCustomizer accessDescription() {
    return (operation, handler) -> {
      if (EndpointAccess.opensWithoutToken(handler)) {
        if (handler.hasMethodAnnotation(OptionalAuthentication.class)) {
          // an empty requirement: anonymous callers are welcome too
          operation.addSecurityItem(new SecurityRequirement());
        }
        return operation;
      }
      operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
      PreAuthorize rule =
          AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)
              ? AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class)
              : AnnotatedElementUtils.findMergedAnnotation(
                  handler.getBeanType(), PreAuthorize.class);
      if (rule != null) {
        String who = "Who may call it: `" + rule.value() + "`.";
        operation.setDescription(
            operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
      }
      Content content = problemContent();
      operation
          .getResponses()
          .addApiResponse("401", new ApiResponse().description("UNAUTHENTICATED").content(content))
          .addApiResponse("403", new ApiResponse().description("FORBIDDEN").content(content));
      return operation;
    };
  }
}
