package io.calisera.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's PostgreSQL: an external server when {@code CALISERA_POSTGRES_URL} is set (with {@code
 * CALISERA_POSTGRES_USER} and {@code CALISERA_POSTGRES_PASSWORD}), otherwise an embedded one with
 * its data under {@code <home>/<service>/postgres}. Each service keeps its tables in a schema named
 * after it, so that one external server can hold the whole platform. Nothing else in a service
 * knows which kind it got.
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
    var server = EmbeddedPostgresServer.start(home.resolve(service).resolve("postgres"));
    log.info(
        "{}: embedded PostgreSQL on port {} with its data in {}",
        service,
        server.port(),
        server.dataDirectory());
    return new ServiceDatabase(service, server.jdbcUrl(), server.user(), null, server);
  }

  /** A pool whose connections work in the service's schema. */
  public DataSource dataSource(int maximumPoolSize) {
    var config = new HikariConfig();
    config.setPoolName(service);
    config.setMaximumPoolSize(maximumPoolSize);
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setSchema(service);
    // Flyway creates the schema on first start; until then connections must still open
    config.setConnectionInitSql("create schema if not exists " + service);
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

  private static String withoutParameters(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }
}
