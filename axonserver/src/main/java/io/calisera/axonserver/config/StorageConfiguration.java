package io.calisera.axonserver.config;

import com.zaxxer.hikari.HikariConfigMXBean;
import io.calisera.postgres.ServiceDatabase;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Where the events live: the hub's schema {@code axonserver} on an external PostgreSQL when {@code
 * CALISERA_POSTGRES_URL} is set, otherwise on an embedded one under the platform's data folder,
 * whose location it logs.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  /** The writer's connection, the integrity check and the snapshots' share. */
  private static final int SPARE_CONNECTIONS = 4;

  /** Hikari's least wait for a connection and for its check. */
  private static final long MIN_TIMEOUT_MILLIS = 250;

  @Bean(destroyMethod = "close")
  ServiceDatabase database(HubProperties hub, Environment env) {
    return ServiceDatabase.open("axonserver", hub.home(), env::getProperty);
  }

  /**
   * A pool with a connection for each thread that reads or writes, and a wait for one no longer
   * than a statement may take.
   */
  @Bean(destroyMethod = "close")
  DataSource dataSource(ServiceDatabase database, HubProperties hub) throws SQLException {
    DataSource dataSource =
        database.dataSource(hub.callThreads() + hub.eventStreamThreads() + SPARE_CONNECTIONS);
    var pool = dataSource.unwrap(HikariConfigMXBean.class);
    long timeoutMillis = Math.max(MIN_TIMEOUT_MILLIS, hub.databaseTimeout().toMillis());
    pool.setConnectionTimeout(timeoutMillis);
    pool.setValidationTimeout(Math.min(pool.getValidationTimeout(), timeoutMillis));
    return dataSource;
  }
}
