package io.calisera.command.provider;

import io.calisera.command.booking.IdempotencyTesting;
import io.calisera.command.common.UnknownAggregateRefusal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

final class ProviderFixtures {

  private ProviderFixtures() {}

  /**
   * A provider's aggregate with the handler that places bookings on it (commands in these tests
   * carry no idempotency key; {@code IdempotentPlacementTest} covers keys).
   */
  static FixtureConfiguration<Provider> aProviderFixture() {
    FixtureConfiguration<Provider> fixture = new AggregateTestFixture<>(Provider.class);
    fixture.registerCommandHandlerInterceptor(new UnknownAggregateRefusal());
    fixture.registerAnnotatedCommandHandler(
        new BookingPlacement(fixture.getRepository(), IdempotencyTesting.unused()));
    return fixture;
  }
}
