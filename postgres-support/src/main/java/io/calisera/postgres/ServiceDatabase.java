package io.calisera.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's PostgreSQL: an external server when {@code CALISERA_POSTGRES_URL} is set (with {@code
 * CALISERA_POSTGRES_USER} and {@code CALISERA_POSTGRES_PASSWORD}: the service's own role, README's
 * "An external PostgreSQL"), otherwise an embedded one with its data under {@code
 * <home>/<service>/postgres}. Each service keeps its tables in a schema named after it, owned by a
 * role of the same name, so that one external server can hold the whole platform and no service can
 * touch another's tables. Nothing else in a service knows which kind it got.
 *
 * <p>The embedded server wants passwords: the superuser's and the service role's are made on the
 * first start in {@code <home>/secrets/postgres-<service>-superuser.password} and {@code
 * postgres-<service>.password} (readable by this user alone). On every start the superuser brings
 * the role and its schema to what {@link ServiceRole} says; the service itself, its migrations
 * included, connects as its role.
 */
public final class ServiceDatabase implements AutoCloseable {

  public static final String URL = "CALISERA_POSTGRES_URL";
  public static final String USER = "CALISERA_POSTGRES_USER";
  public static final String PASSWORD = "CALISERA_POSTGRES_PASSWORD";

  private static final Logger log = LoggerFactory.getLogger(ServiceDatabase.class);

  private final String service;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final EmbeddedPostgresServer embedded;

  private ServiceDatabase(
      String service,
      String jdbcUrl,
      String user,
      String password,
      EmbeddedPostgresServer embedded) {
    this.service = service;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.embedded = embedded;
  }

  /**
   * @param service the service's name, also its schema ({@code [a-z_]+})
   * @param home the platform's data folder
   * @param environment where to look up the {@code CALISERA_POSTGRES_*} settings
   */
  public static ServiceDatabase open(
      String service, Path home, Function<String, String> environment) {
    if (!service.matches("[a-z_]+")) {
      throw new IllegalArgumentException("A service name is its schema: [a-z_]+, was " + service);
    }
    String external = environment.apply(URL);
    if (external != null && !external.isBlank()) {
      log.info(
          "{}: external PostgreSQL at {}, schema {}",
          service,
          withoutParameters(external),
          service);
      return new ServiceDatabase(
          service, external, environment.apply(USER), environment.apply(PASSWORD), null);
    }
    Path data = home.resolve(service).resolve("postgres");
    Path secrets = home.resolve("secrets");
    Path superuserFile = secrets.resolve("postgres-" + service + "-superuser.password");
    if (!Files.exists(superuserFile)
        && EmbeddedPostgresServer.exists(data)
        && !trustsAnyone(data)) {
      throw new IllegalStateException(
          "The embedded PostgreSQL in "
              + data
              + " wants the superuser password that was made with it in "
              + superuserFile
              + ", which is missing; put it back, or remove "
              + data
              + " to start with an empty database");
    }
    String password = Passwords.readOrCreate(secrets.resolve("postgres-" + service + ".password"));
    var server = EmbeddedPostgresServer.start(data, Passwords.readOrCreate(superuserFile));
    try (Connection superuser = server.connectAsSuperuser()) {
      ServiceRole.provision(superuser, service, password);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(server, e);
      throw new IllegalStateException(
          "Could not set up role and schema " + service + " in the embedded PostgreSQL", e);
    }
    log.info(
        "{}: embedded PostgreSQL on port {} with its data in {} (role {}, passwords in {})",
        service,
        server.port(),
        server.dataDirectory(),
        service,
        secrets);
    return new ServiceDatabase(service, server.jdbcUrl(), service, password, server);
  }

  /** A pool whose connections work in the service's schema. */
  public DataSource dataSource(int maximumPoolSize) {
    var config = new HikariConfig();
    config.setPoolName(service);
    config.setMaximumPoolSize(maximumPoolSize);
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    // the schema exists already: the embedded server's start made it, an operator an external one's
    config.setSchema(service);
    return new HikariDataSource(config);
  }

  public String schema() {
    return service;
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static boolean trustsAnyone(Path data) {
    try {
      return EmbeddedPostgresServer.trustsAnyone(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(EmbeddedPostgresServer server, Exception failure) {
    try {
      server.close();
    } catch (IOException | RuntimeException alsoFailed) {
      failure.addSuppressed(alsoFailed);
    }
  }

  private static String withoutParameters(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }
}
