package io.calisera.axonserver.config;

import io.calisera.postgres.ServiceDatabase;
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

  @Bean(destroyMethod = "close")
  ServiceDatabase database(HubProperties hub, Environment env) {
    return ServiceDatabase.open("axonserver", hub.home(), env::getProperty);
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(ServiceDatabase database) {
    return database.dataSource(16);
  }
}
