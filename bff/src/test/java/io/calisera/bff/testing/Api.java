package io.calisera.bff.testing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.jayway.jsonpath.JsonPath;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Role;
import io.calisera.bff.auth.AccountIds;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The public API through MockMvc, for tests: requests with or without a token, and callers. */
public final class Api {

  /**
   * A person logged in with dev-login: the account the bff names them by, their token, and the
   * actor their commands carry.
   */
  public record Person(String email, String accountId, String token, Actor actor) {}

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

  /** A fresh person, with {@code CUSTOMER} and the roles given. */
  public Person person(String name, String... roles) throws Exception {
    return login(unique(name), roles);
  }

  /** The person of {@code email} (again), with a token issued at the bff's time now. */
  public Person login(String email, String... roles) throws Exception {
    String accountId = AccountIds.ofDevLogin(email);
    Set<Role> held = EnumSet.of(Role.CUSTOMER); // dev-login always grants it
    Stream.of(roles).map(Role::valueOf).forEach(held::add);
    return new Person(
        email,
        accountId,
        Logins.devLogin(mvc, email, roles).accessToken(),
        Actor.account(accountId, held));
  }

  public static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  /** The capability at the end of a manage URL. */
  public static String capabilityOf(String createdBody) {
    String manageUrl = JsonPath.read(createdBody, "$.manageUrl");
    return manageUrl.substring(manageUrl.lastIndexOf('/') + 1);
  }
}
