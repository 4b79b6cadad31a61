package io.calisera.query.account;

import static io.calisera.query.support.Events.anAccountRegistered;

import io.calisera.api.account.RolesGrantedEvent;
import io.calisera.api.common.Role;
import io.calisera.query.support.Events;
import io.calisera.query.support.ReadModels;
import io.calisera.query.support.Wiring;
import io.calisera.query.support.Wiring.Case;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountWiringTest {

  @Test
  void everySubscribedEventChangesTheAccounts() {
    Wiring.assertEveryEventChangesTheReadModel(
        () -> {
          var readModels = new ReadModels();
          readModels.register(new AccountProjection(readModels.mongo()));
          return readModels;
        },
        AccountProjection.class,
        List.of(
            Case.of(anAccountRegistered("a1")),
            Case.of(
                new RolesGrantedEvent("a1", Set.of(Role.AUDITOR), "system", Events.AT),
                anAccountRegistered("a1"))));
  }
}
