package io.calisera.bff.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.bff.auth.EndpointAccess;
import io.calisera.bff.testing.BffTest;
import io.calisera.service.AxonWiring;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The published API description, and how the bff is wired. */
@BffTest
class ApiDescriptionAndWiringTest {

  @Autowired MockMvc mvc;
  @Autowired AxonWiring axon;
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
  void everyEndpointOfProvidersSlotsAndBookingsIsDescribedWithWhoMayCallItAndItsProblems()
      throws Exception {
    String[][] operations = {
      {"/api/v1/providers", "post"},
      {"/api/v1/providers", "get"},
      {"/api/v1/providers/{providerIdOrSlug}", "get"},
      {"/api/v1/providers/{providerId}", "put"},
      {"/api/v1/providers/{providerId}/qr", "get"},
      {"/api/v1/providers/{providerId}/services", "post"},
      {"/api/v1/providers/{providerId}/services/{serviceId}", "put"},
      {"/api/v1/providers/{providerId}/services/{serviceId}", "delete"},
      {"/api/v1/providers/{providerId}/availability", "put"},
      {"/api/v1/providers/{providerId}/availability", "get"},
      {"/api/v1/providers/{providerId}/availability/preview", "post"},
      {"/api/v1/providers/{providerId}/services/{serviceId}/slots", "get"},
      {"/api/v1/providers/{providerId}/services/{serviceId}/slots/stream", "get"},
      {"/api/v1/providers/{providerId}/bookings", "get"},
      {"/api/v1/bookings", "post"},
      {"/api/v1/bookings/{bookingId}", "get"},
      {"/api/v1/me/bookings", "get"},
      {"/api/v1/bookings/{bookingId}/cancel", "post"},
      {"/api/v1/bookings/{bookingId}/reschedule", "post"},
      {"/api/v1/bookings/{bookingId}/confirm", "post"},
      {"/api/v1/bookings/{bookingId}/decline", "post"},
      {"/api/v1/bookings/{bookingId}/complete", "post"},
      {"/api/v1/bookings/{bookingId}/no-show", "post"}
    };
    var answer = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
    for (String[] operation : operations) {
      String at = "$.paths['" + operation[0] + "']." + operation[1];
      answer
          .andExpect(jsonPath(at + ".summary").isNotEmpty())
          .andExpect(
              jsonPath(at + ".responses['400'].content['application/problem+json']").exists());
    }
    answer
        .andExpect(
            jsonPath("$.components.securitySchemes.bookingCapability.name")
                .value("Booking-Capability"))
        .andExpect(jsonPath("$.components.securitySchemes.bookingCapability.in").value("header"))
        // owners only: the token, who may call it, 401 and 403
        .andExpect(
            jsonPath("$.paths['/api/v1/providers/{providerId}'].put.security[0].bearer").exists())
        .andExpect(
            jsonPath("$.paths['/api/v1/providers/{providerId}'].put.description")
                .value(
                    org.hamcrest.Matchers.containsString("@owners.owns(#providerId, principal)")))
        .andExpect(
            jsonPath("$.paths['/api/v1/providers/{providerId}'].put.responses['403']").exists())
        // anyone
        .andExpect(jsonPath("$.paths['/api/v1/providers'].get.security").doesNotExist())
        // a customer's token, or none for a guest
        .andExpect(jsonPath("$.paths['/api/v1/bookings'].post.security[0].bearer").exists())
        .andExpect(jsonPath("$.paths['/api/v1/bookings'].post.security[1]").isEmpty())
        .andExpect(
            jsonPath("$.paths['/api/v1/bookings'].post.responses['409'].description")
                .value(org.hamcrest.Matchers.containsString("SLOT_TAKEN")))
        .andExpect(
            jsonPath("$.paths['/api/v1/bookings'].post.responses['422'].description")
                .value(org.hamcrest.Matchers.containsString("IDEMPOTENCY_KEY_REUSED")))
        .andExpect(
            jsonPath("$.paths['/api/v1/bookings'].post.parameters[?(@.name == 'Idempotency-Key')]")
                .exists())
        // a token or the booking's capability
        .andExpect(
            jsonPath("$.paths['/api/v1/bookings/{bookingId}'].get.security[1].bookingCapability")
                .exists())
        .andExpect(
            jsonPath(
                    "$.paths['/api/v1/bookings/{bookingId}/cancel'].post.responses['422'].description")
                .value(org.hamcrest.Matchers.containsString("CANCELLATION_WINDOW_CLOSED")));
  }

  @Test
  void axonUsesJacksonWithTheApiMapperAndRunsNoProcessors() {
    assertThat(axon.problems()).isEmpty();
    assertThat(axon.describe())
        .containsEntry("serializer", "JacksonSerializer with the api's ObjectMapper")
        .containsEntry("event serializer", "JacksonSerializer with the api's ObjectMapper")
        .containsEntry("message serializer", "JacksonSerializer with the api's ObjectMapper")
        .containsEntry("transaction manager", "NoTransactionManager");
    assertThat(axon.describe().keySet()).noneMatch(key -> key.startsWith("processor "));
  }

  @Test
  void everyEndpointStatesWhoMayCallIt() {
    assertThat(endpoints.unguarded()).isEmpty();
  }
}
