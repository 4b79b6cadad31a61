package io.calisera.command.provider;

import io.calisera.command.booking.BookingTesting;
import io.calisera.command.common.UnknownAggregateRefusal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

/** The provider's aggregate for fixture tests, here and in the booking package. */
public final class ProviderFixtures {

  private ProviderFixtures() {}

  /**
   * A provider's aggregate with the handler that places bookings on it (commands in these tests
   * carry no idempotency key; {@code IdempotentPlacementTest} covers keys).
   */
  public static FixtureConfiguration<?> aProviderFixture() {
    FixtureConfiguration<Provider> fixture = new AggregateTestFixture<>(Provider.class);
    fixture.registerCommandHandlerInterceptor(new UnknownAggregateRefusal());
    fixture.registerAnnotatedCommandHandler(
        BookingTesting.placementWithoutKeys(fixture.getRepository()));
    return fixture;
  }
}
