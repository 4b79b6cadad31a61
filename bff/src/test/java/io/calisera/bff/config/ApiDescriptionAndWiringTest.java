package io.calisera.bff.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.bff.auth.EndpointAccess;
import io.calisera.bff.testing.BffTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The published API description, and how the bff is wired. */
@BffTest
class ApiDescriptionAndWiringTest {

  @Autowired MockMvc mvc;
  @Autowired AxonWiringCheck axon;
  @Autowired EndpointAccess endpoints;

  @Test
  void theOpenApiDescriptionIsPublicOpenApi31WithTheBearerScheme() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.openapi").value("3.1.0"))
        .andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
        .andExpect(jsonPath("$.paths['/api/v1/auth/token'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/auth/token'].post.security").doesNotExist())
        .andExpect(jsonPath("$.paths['/api/v1/auth/refresh'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/auth/logout'].post.security[0].bearer").exists())
        .andExpect(jsonPath("$.paths['/api/v1/me'].get.security[0].bearer").exists())
        .andExpect(jsonPath("$.paths['/api/v1/me'].get.responses['401']").exists())
        .andExpect(jsonPath("$.paths['/.well-known/jwks.json'].get").exists());
    mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
  }

  @Test
  void axonUsesJacksonWithTheApiMapperAndRunsNoProcessors() {
    assertThat(axon.describe())
        .containsEntry(
            "serializer",
            "org.axonframework.serialization.json.JacksonSerializer with the api's ObjectMapper")
        .containsEntry(
            "event serializer",
            "org.axonframework.serialization.json.JacksonSerializer with the api's ObjectMapper")
        .containsEntry(
            "message serializer",
            "org.axonframework.serialization.json.JacksonSerializer with the api's ObjectMapper")
        .containsEntry(
            "transaction manager", "org.axonframework.common.transaction.NoTransactionManager")
        .containsEntry("event processors", "[]");
  }

  @Test
  void everyEndpointStatesWhoMayCallIt() {
    assertThat(endpoints.unguarded()).isEmpty();
  }
}
