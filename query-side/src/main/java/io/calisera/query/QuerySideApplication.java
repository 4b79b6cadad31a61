package io.calisera.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query side: projects the event history into MongoDB read models and answers every query of
 * the {@code api} module from them.
 */
@SpringBootApplication
public class QuerySideApplication {

  public static void main(String[] args) {
    SpringApplication.run(QuerySideApplication.class, args);
  }
}
