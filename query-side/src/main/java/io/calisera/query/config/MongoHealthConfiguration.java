package io.calisera.query.config;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB health by {@code ping}, which every MongoDB server answers. Boot's own indicator asks
 * {@code hello}, which mongo-java-server does not know, and would report the embedded store down.
 */
@Configuration(proxyBeanMethods = false)
public class MongoHealthConfiguration {

  @Bean
  HealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
    return () -> {
      try {
        mongo.executeCommand(new Document("ping", 1));
        return Health.up().build();
      } catch (RuntimeException e) {
        return Health.down(e).build();
      }
    };
  }
}
