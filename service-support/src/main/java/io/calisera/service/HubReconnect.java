package io.calisera.service;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every service looks for a lost hub again every 0.5 s instead of the connector's 2 s, so that a
 * restarted hub is used within a second of answering (its attempts while the hub is away are
 * refused at once and cost nothing). A default below everything else: a service's {@code
 * application.yml} or {@code AXON_AXONSERVER_RECONNECTINTERVAL} still decides.
 */
public final class HubReconnect implements EnvironmentPostProcessor {

  static final String RECONNECT_INTERVAL = "axon.axonserver.reconnect-interval";
  static final String MILLIS = "500";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource("calisera-hub-reconnect", Map.of(RECONNECT_INTERVAL, MILLIS)));
  }
}
