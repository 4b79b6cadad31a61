package io.calisera.bff;

import io.calisera.bff.audit.HubIntegritySettings;
import io.calisera.bff.ratelimit.RateLimitSettings;
import io.calisera.bff.slots.LiveSlotsSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The bff: the platform's only public entry point. It serves the public API v1, runs the logins,
 * issues Calisera's own tokens, and turns requests into commands and queries on the hub.
 */
@SpringBootApplication
@EnableConfigurationProperties({
  BffProperties.class,
  RateLimitSettings.class,
  LiveSlotsSettings.class,
  HubIntegritySettings.class
})
@EnableScheduling
public class BffApplication {

  public static void main(String[] args) {
    SpringApplication.run(BffApplication.class, args);
  }
}
