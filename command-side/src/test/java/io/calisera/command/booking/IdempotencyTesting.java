package io.calisera.command.booking;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;

/** Wires spent idempotency keys into tests outside this package. */
public final class IdempotencyTesting {

  private IdempotencyTesting() {}

  /** For tests whose commands carry no idempotency key. */
  public static IdempotencyRecords unused() {
    return new IdempotencyRecords(null);
  }

  public static Configurer withIdempotencyRecords(Configurer configurer) {
    return configurer.configureAggregate(IdempotencyRecord.class);
  }

  public static IdempotencyRecords idempotencyRecords(Configuration configuration) {
    return new IdempotencyRecords(configuration.repository(IdempotencyRecord.class));
  }
}
