package io.calisera.axonserver.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.calisera.axonserver.storage.EmbeddedPostgresServer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Where the events live: an external PostgreSQL when {@code CALISERA_POSTGRES_URL} is set (with
 * {@code CALISERA_POSTGRES_USER} and {@code CALISERA_POSTGRES_PASSWORD}), otherwise the embedded
 * one under the platform's data folder. Nothing else in the hub knows which it got.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);
  private static final String URL = "CALISERA_POSTGRES_URL";

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${CALISERA_POSTGRES_URL:}'.isBlank()")
  EmbeddedPostgresServer embeddedPostgres(HubProperties hub) {
    var dataDirectory = hub.home().resolve("axonserver").resolve("postgres");
    var server = EmbeddedPostgresServer.start(dataDirectory);
    log.info(
        "Event store: embedded PostgreSQL on port {} with its data in {}",
        server.port(),
        server.dataDirectory());
    return server;
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(Environment env, ObjectProvider<EmbeddedPostgresServer> embedded) {
    var config = new HikariConfig();
    config.setPoolName("hub");
    config.setMaximumPoolSize(16);
    var external = env.getProperty(URL, "");
    if (external.isBlank()) {
      var server = embedded.getObject();
      config.setJdbcUrl(server.jdbcUrl());
      config.setUsername(server.user());
    } else {
      config.setJdbcUrl(external);
      config.setUsername(env.getProperty("CALISERA_POSTGRES_USER"));
      config.setPassword(env.getProperty("CALISERA_POSTGRES_PASSWORD"));
      log.info("Event store: external PostgreSQL at {}", withoutCredentials(external));
    }
    return new HikariDataSource(config);
  }

  private static String withoutCredentials(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }
}
