package io.calisera.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

class ActorCorrelationDataProviderTest {

  private final ActorCorrelationDataProvider provider = new ActorCorrelationDataProvider();

  @Test
  void theActorOfACommandGoesIntoTheMetadataOfItsEvents() {
    var command =
        new CancelBookingCommand(
            "p1",
            "b1",
            null,
            Actor.account("acc-1", Set.of(Role.PROVIDER, Role.CUSTOMER)),
            Instant.parse("2026-06-01T06:00:00Z"));

    assertThat(provider.correlationDataFor(GenericCommandMessage.asCommandMessage(command)))
        .isEqualTo(Map.of("actorId", "acc-1", "actorRoles", "CUSTOMER,PROVIDER"));
  }

  @Test
  void aGuestHasNoRoles() {
    var command =
        new CancelBookingCommand(
            "p1", "b1", null, Actor.GUEST, Instant.parse("2026-06-01T06:00:00Z"));

    assertThat(provider.correlationDataFor(GenericCommandMessage.asCommandMessage(command)))
        .isEqualTo(Map.of("actorId", "guest", "actorRoles", ""));
  }

  @Test
  void aMessageWithoutActorAddsNothing() {
    assertThat(provider.correlationDataFor(GenericCommandMessage.asCommandMessage("ping")))
        .isEmpty();
  }
}
