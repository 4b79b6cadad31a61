package io.calisera.bff.testing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.jayway.jsonpath.JsonPath;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The public API through MockMvc, for tests: requests with or without a token, and scenarios. */
public final class Api {

  private final MockMvc mvc;

  public Api(MockMvc mvc) {
    this.mvc = mvc;
  }

  /** A request with a JSON body (or none) and a Bearer token (or none). */
  public static MockHttpServletRequestBuilder call(
      HttpMethod method, String path, String token, String json) {
    MockHttpServletRequestBuilder request = request(method, path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(json);
    }
    return request;
  }

  public ResultActions perform(HttpMethod method, String path, String token, String json)
      throws Exception {
    return mvc.perform(call(method, path, token, json));
  }

  /** A fresh person's access token, with {@code CUSTOMER} and the roles given. */
  public String login(String name, String... roles) throws Exception {
    return Logins.devLogin(mvc, unique(name), roles).accessToken();
  }

  public static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  /** Creates a provider as the owner; answers its id. */
  public String provider(String ownerToken, String zone) throws Exception {
    String body =
        perform(
                HttpMethod.POST,
                "/api/v1/providers",
                ownerToken,
                "{\"displayName\":\"Salon "
                    + UUID.randomUUID().toString().substring(0, 6)
                    + "\",\"timeZone\":\""
                    + zone
                    + "\",\"category\":\"Hair\",\"city\":\"Berlin\"}")
            .andReturn()
            .getResponse()
            .getContentAsString();
    return JsonPath.read(body, "$.providerId");
  }

  /** Adds a service as the owner; answers its id. */
  public String service(String ownerToken, String providerId, String json) throws Exception {
    String body =
        perform(HttpMethod.POST, "/api/v1/providers/" + providerId + "/services", ownerToken, json)
            .andReturn()
            .getResponse()
            .getContentAsString();
    return JsonPath.read(body, "$.serviceId");
  }

  /** Opens the provider every day from {@code start} to {@code end}. */
  public void openEveryDay(String ownerToken, String providerId, String start, String end)
      throws Exception {
    StringBuilder weekly = new StringBuilder();
    for (String day :
        new String[] {
          "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"
        }) {
      if (!weekly.isEmpty()) {
        weekly.append(',');
      }
      weekly
          .append("{\"day\":\"")
          .append(day)
          .append("\",\"start\":\"")
          .append(start)
          .append("\",\"end\":\"")
          .append(end)
          .append("\"}");
    }
    perform(
        HttpMethod.PUT,
        "/api/v1/providers/" + providerId + "/availability",
        ownerToken,
        "{\"weekly\":[" + weekly + "]}");
  }

  /** A guest's booking: answers the 201 body. */
  public String bookAsGuest(String providerId, String serviceId, String start) throws Exception {
    return perform(
            HttpMethod.POST,
            "/api/v1/bookings",
            null,
            "{\"providerId\":\""
                + providerId
                + "\",\"serviceId\":\""
                + serviceId
                + "\",\"start\":\""
                + start
                + "\",\"customer\":{\"name\":\"Gail Guest\",\"email\":\"gail@example.com\"}}")
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  /** A customer's booking: answers the 201 body. */
  public String bookAs(String token, String providerId, String serviceId, String start)
      throws Exception {
    return perform(
            HttpMethod.POST,
            "/api/v1/bookings",
            token,
            "{\"providerId\":\""
                + providerId
                + "\",\"serviceId\":\""
                + serviceId
                + "\",\"start\":\""
                + start
                + "\"}")
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  /** The capability at the end of a manage URL. */
  public static String capabilityOf(String createdBody) {
    String manageUrl = JsonPath.read(createdBody, "$.manageUrl");
    return manageUrl.substring(manageUrl.lastIndexOf('/') + 1);
  }
}
