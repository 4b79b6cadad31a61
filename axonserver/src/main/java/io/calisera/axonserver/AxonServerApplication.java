package io.calisera.axonserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class AxonServerApplication {

  /**
   * With this system property set to {@code true}, the hub starts in full and stops again cleanly
   * (its PostgreSQL included): the build's training run, whose JVM writes the class-data archive
   * that lets the hub start faster (axonserver/pom.xml).
   */
  static final String TRAINING_RUN = "calisera.hub.training-run";

  public static void main(String[] args) {
    ConfigurableApplicationContext context =
        SpringApplication.run(AxonServerApplication.class, args);
    if (Boolean.getBoolean(TRAINING_RUN)) {
      System.exit(SpringApplication.exit(context));
    }
  }
}
