package io.calisera.bff.auth;

import io.calisera.postgres.ServiceDatabase;
import java.net.URI;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code POST /api/v1/auth/dev-login} exists. {@code calisera.auth.dev-login} ({@code
 * CALISERA_AUTH_DEV_LOGIN}) {@code true} or {@code false} decides; unset, it is on only in the
 * embedded default: the embedded PostgreSQL (no {@code CALISERA_POSTGRES_URL}) and a public base
 * URL on this machine. A deployment that forgets the setting is therefore safe: with an external
 * database or a public address, dev-login stays off (decision 0004).
 */
public class DevLoginCondition extends SpringBootCondition {

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    return enabled(context.getEnvironment())
        ? ConditionOutcome.match("dev-login is on")
        : ConditionOutcome.noMatch("dev-login is off");
  }

  public static boolean enabled(Environment env) {
    String setting = env.getProperty("calisera.auth.dev-login", "").trim();
    if (!setting.isEmpty()) {
      if (setting.equalsIgnoreCase("true")) {
        return true;
      }
      if (setting.equalsIgnoreCase("false")) {
        return false;
      }
      throw new IllegalStateException(
          "calisera.auth.dev-login (CALISERA_AUTH_DEV_LOGIN) must be true, false or unset, was "
              + setting);
    }
    String database = env.getProperty(ServiceDatabase.URL, "");
    String base = env.getProperty("calisera.public-base-url", "http://localhost:8080");
    String host = URI.create(base).getHost();
    return database.isBlank() && host != null && LOCAL_HOSTS.contains(host);
  }
}
