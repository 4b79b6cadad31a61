package io.calisera.analytics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The analytics projector: projects provider, schedule, service and booking events into PostgreSQL
 * tables shaped for analysis and answers the insights queries from them.
 */
@SpringBootApplication
public class AnalyticsApplication {

  public static void main(String[] args) {
    SpringApplication.run(AnalyticsApplication.class, args);
  }
}
