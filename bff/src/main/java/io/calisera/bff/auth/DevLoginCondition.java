package io.calisera.bff.auth;

import io.calisera.postgres.ServiceDatabase;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code POST /api/v1/auth/dev-login} exists. It can exist only while the bff listens on
 * the loopback interface alone ({@code server.address}, {@code CALISERA_BIND_ADDRESS}) and keeps
 * its data in the embedded PostgreSQL (no {@code CALISERA_POSTGRES_URL}): dev-login gives anyone
 * who can reach it any role, so it must not be reachable from elsewhere, and an external store
 * means a deployment. Within that, {@code calisera.auth.dev-login} ({@code
 * CALISERA_AUTH_DEV_LOGIN}) {@code true} or {@code false} decides; unset, it is on only when the
 * public base URL is on this machine too. Asked for anywhere else, the bff refuses to start, before
 * anything else happens (as an initializer, registered in {@code META-INF/spring.factories}), with
 * {@link UnsafeDevLoginException}. Decision 0004.
 */
public class DevLoginCondition extends SpringBootCondition
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    enabled(context.getEnvironment());
  }

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    return enabled(context.getEnvironment())
        ? ConditionOutcome.match("dev-login is on")
        : ConditionOutcome.noMatch("dev-login is off");
  }

  /**
   * @throws UnsafeDevLoginException when dev-login is asked for where it must not be
   */
  public static boolean enabled(Environment env) {
    String setting = env.getProperty("calisera.auth.dev-login", "").trim();
    if (setting.equalsIgnoreCase("false")) {
      return false;
    }
    if (!setting.isEmpty() && !setting.equalsIgnoreCase("true")) {
      throw new IllegalStateException(
          "calisera.auth.dev-login (CALISERA_AUTH_DEV_LOGIN) must be true, false or unset, was "
              + setting);
    }
    List<String> unsafe = unsafe(env);
    if (setting.isEmpty()) {
      String base = env.getProperty("calisera.public-base-url", "http://localhost:8080");
      String host = URI.create(base).getHost();
      return unsafe.isEmpty() && host != null && LOCAL_HOSTS.contains(host);
    }
    if (!unsafe.isEmpty()) {
      throw new UnsafeDevLoginException(
          "dev-login is on (CALISERA_AUTH_DEV_LOGIN=true) while "
              + String.join(" and ", unsafe)
              + "; it would give anyone who can reach the bff any role, ADMIN included, so the"
              + " bff does not start.");
    }
    return true;
  }

  /** Why this bff is not the embedded local one; empty when it is. */
  private static List<String> unsafe(Environment env) {
    List<String> reasons = new ArrayList<>();
    String address = env.getProperty("server.address", "").trim();
    if (!loopback(address)) {
      reasons.add(
          "the bff listens on "
              + (address.isEmpty() ? "every interface" : address)
              + " (CALISERA_BIND_ADDRESS), not on the loopback interface alone");
    }
    if (!env.getProperty(ServiceDatabase.URL, "").isBlank()) {
      reasons.add("it uses an external PostgreSQL (CALISERA_POSTGRES_URL)");
    }
    return reasons;
  }

  private static boolean loopback(String address) {
    if (address.isEmpty()) {
      return false; // Tomcat listens on every interface
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException unknown) {
      return false;
    }
  }
}
