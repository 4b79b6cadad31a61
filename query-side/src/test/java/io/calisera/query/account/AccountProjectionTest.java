package io.calisera.query.account;

import static io.calisera.query.support.Events.anAccountRegistered;
import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.account.AccountView;
import io.calisera.api.account.FindAccountQuery;
import io.calisera.api.account.RolesGrantedEvent;
import io.calisera.api.common.Role;
import io.calisera.query.support.Events;
import io.calisera.query.support.ReadModels;
import java.util.Optional;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccountProjectionTest {

  final ReadModels readModels = new ReadModels();

  {
    readModels.register(new AccountProjection(readModels.mongo()));
  }

  @AfterEach
  void stop() {
    readModels.close();
  }

  Optional<AccountView> find(String accountId) {
    return readModels
        .queries()
        .query(new FindAccountQuery(accountId), ResponseTypes.optionalInstanceOf(AccountView.class))
        .join();
  }

  @Test
  void aRegisteredAccountIsFoundWithItsRoles() {
    readModels.given(anAccountRegistered("a1"));

    assertThat(find("a1"))
        .contains(new AccountView("a1", "a1@example.com", "Name of a1", Set.of(Role.CUSTOMER)));
    assertThat(find("a2")).isEmpty();
  }

  @Test
  void grantedRolesAddToTheHeldOnes() {
    readModels.given(
        anAccountRegistered("a1"),
        new RolesGrantedEvent("a1", Set.of(Role.PROVIDER), "system", Events.AT));

    assertThat(find("a1").orElseThrow().roles())
        .containsExactlyInAnyOrder(Role.CUSTOMER, Role.PROVIDER);
  }

  @Test
  void anEventDeliveredAgainChangesNothing() {
    readModels.given(
        anAccountRegistered("a1"),
        new RolesGrantedEvent("a1", Set.of(Role.PROVIDER), "system", Events.AT));
    var before = readModels.snapshot();

    // the registration again, at its own position: it must not wipe the granted role
    readModels.redeliver(0, anAccountRegistered("a1"));
    readModels.redeliver(1, new RolesGrantedEvent("a1", Set.of(Role.ADMIN), "system", Events.AT));

    assertThat(readModels.snapshot()).isEqualTo(before);
  }
}
