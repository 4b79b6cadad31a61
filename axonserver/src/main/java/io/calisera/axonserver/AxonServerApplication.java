package io.calisera.axonserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AxonServerApplication {

  public static void main(String[] args) {
    SpringApplication.run(AxonServerApplication.class, args);
  }
}
