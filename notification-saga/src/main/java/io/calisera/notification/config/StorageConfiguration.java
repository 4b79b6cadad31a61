package io.calisera.notification.config;

import io.calisera.postgres.ServiceDatabase;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The service's own PostgreSQL, schema {@code notifications}: the sagas, the processors' tokens,
 * the deadlines (db-scheduler's {@code scheduled_tasks}), the notices and their delivery records,
 * the push devices. External when {@code CALISERA_POSTGRES_URL} is set, otherwise embedded under
 * {@code $CALISERA_HOME/notifications/postgres}.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  static final String SCHEMA = "notifications";

  @Bean(destroyMethod = "close")
  ServiceDatabase database(@Value("${calisera.home}") Path home, Environment env) {
    return ServiceDatabase.open(SCHEMA, home, env::getProperty);
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(
      ServiceDatabase database, @Value("${calisera.notifications.database-pool:10}") int pool) {
    return database.dataSource(pool);
  }
}
