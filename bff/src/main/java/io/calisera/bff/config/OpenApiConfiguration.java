package io.calisera.bff.config;

import io.calisera.bff.auth.EndpointAccess;
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
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The OpenAPI 3.1 description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): the
 * Bearer scheme, and on every operation that is not {@code @Public} its security requirement, who
 * may call it and the 401/403 problems.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String BEARER = "bearer";

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
                .addSchemas("Problem", problem));
  }

  @Bean
  OperationCustomizer accessDescription() {
    return (operation, handler) -> {
      if (EndpointAccess.isPublic(handler)) {
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
      Content content =
          new Content()
              .addMediaType(
                  "application/problem+json",
                  new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
      operation
          .getResponses()
          .addApiResponse("401", new ApiResponse().description("UNAUTHENTICATED").content(content))
          .addApiResponse("403", new ApiResponse().description("FORBIDDEN").content(content));
      return operation;
    };
  }
}
