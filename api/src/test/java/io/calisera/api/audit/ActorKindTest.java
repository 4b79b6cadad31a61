package io.calisera.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.common.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActorKindTest {

  @Test
  void theKindOfAnEventsActor() {
    assertThat(ActorKind.of("system", Set.of(), "owner-1")).isEqualTo(ActorKind.SYSTEM);
    assertThat(ActorKind.of("guest", Set.of(), "owner-1")).isEqualTo(ActorKind.GUEST);
    assertThat(ActorKind.of("owner-1", Set.of(Role.CUSTOMER, Role.PROVIDER), "owner-1"))
        .isEqualTo(ActorKind.OWNER);
    assertThat(ActorKind.of("owner-1", Set.of(Role.ADMIN), "owner-1"))
        .as("an admin on their own provider acts as its owner")
        .isEqualTo(ActorKind.OWNER);
    assertThat(ActorKind.of("admin-1", Set.of(Role.ADMIN, Role.CUSTOMER), "owner-1"))
        .isEqualTo(ActorKind.ADMIN);
    assertThat(ActorKind.of("owner-2", Set.of(Role.CUSTOMER, Role.PROVIDER), "owner-1"))
        .as("another provider's owner booking here is a customer")
        .isEqualTo(ActorKind.CUSTOMER);
    assertThat(ActorKind.of("c-1", Set.of(Role.CUSTOMER), null)).isEqualTo(ActorKind.CUSTOMER);
  }
}
