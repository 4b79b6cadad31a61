package io.calisera.analytics.config;

import io.calisera.postgres.ServiceDatabase;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The analytics' own PostgreSQL (schema {@code analytics}): its tables and the processor's token,
 * written in one transaction per batch of events. External when {@code CALISERA_POSTGRES_URL} is
 * set, otherwise embedded under {@code $CALISERA_HOME/analytics/postgres}.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  @Bean(destroyMethod = "close")
  ServiceDatabase database(AnalyticsProperties properties, Environment env) {
    return ServiceDatabase.open("analytics", properties.home(), env::getProperty);
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(ServiceDatabase database, AnalyticsProperties properties) {
    return database.dataSource(properties.poolSize());
  }
}
