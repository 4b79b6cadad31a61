package io.calisera.bff.config;

import io.calisera.bff.BffProperties;
import io.calisera.postgres.ServiceDatabase;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The bff's own PostgreSQL (schema {@code bff}): signing keys, refresh tokens, browser sessions.
 * External when {@code CALISERA_POSTGRES_URL} is set, otherwise embedded under {@code
 * $CALISERA_HOME/bff/postgres}.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  @Bean(destroyMethod = "close")
  ServiceDatabase database(BffProperties properties, Environment env) {
    return ServiceDatabase.open("bff", properties.home(), env::getProperty);
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(ServiceDatabase database) {
    return database.dataSource(10);
  }
}
