package io.calisera.command.booking;

import java.util.function.Function;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.modelling.command.Repository;

/** Wires the placing of bookings into tests outside this package, which hold the provider. */
public final class BookingTesting {

  private BookingTesting() {}

  /** The handler that places bookings, for tests whose commands carry no idempotency key. */
  public static Object placementWithoutKeys(Repository<? extends CalendarHolder> providers) {
    return new BookingPlacement(providers, new IdempotencyRecords(null));
  }

  /** Idempotency records, and the handler that places bookings with them. */
  public static Configurer withPlacement(
      Configurer configurer,
      Function<Configuration, Repository<? extends CalendarHolder>> providers) {
    return configurer
        .configureAggregate(IdempotencyRecord.class)
        .registerCommandHandler(
            c ->
                new BookingPlacement(
                    providers.apply(c),
                    new IdempotencyRecords(c.repository(IdempotencyRecord.class))));
  }
}
