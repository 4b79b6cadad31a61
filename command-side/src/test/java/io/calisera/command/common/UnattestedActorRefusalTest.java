package io.calisera.command.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.calisera.api.account.GrantRolesCommand;
import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.common.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class UnattestedActorRefusalTest {

  private static final Instant AT = Instant.parse("2026-06-01T08:00:00Z");
  private static final Actor ANA = Actor.account("ana", Set.of(Role.CUSTOMER));
  private static final Actor AN_ADMIN = Actor.account("root", Set.of(Role.ADMIN));
  private static final MetaData BFF =
      dispatcher("bff", "act-as-platform,act-for-people,ask-queries,dispatch-commands");
  private static final MetaData COMMAND_SIDE =
      dispatcher("command-side", "act-as-platform,append-events,dispatch-commands");
  private static final MetaData TOOL = dispatcher("tool", "dispatch-commands");

  @Test
  void aPersonsCommandFromADispatcherThatActsForPeopleIsHandled() throws Exception {
    assertThat(handle(cancel(ANA), BFF)).isEqualTo("handled");
    assertThat(handle(cancel(Actor.GUEST), BFF)).isEqualTo("handled");
    assertThat(handle(grant(AN_ADMIN), BFF)).isEqualTo("handled");
  }

  @Test
  void thePlatformsCommandFromADispatcherThatActsAsThePlatformIsHandled() throws Exception {
    assertThat(handle(grant(Actor.SYSTEM), BFF)).isEqualTo("handled");
    assertThat(handle(cancel(Actor.SYSTEM), COMMAND_SIDE)).isEqualTo("handled");
  }

  @Test
  void aDispatcherThatMayOnlyActAsThePlatformCannotActForAPerson() {
    assertForbidden(cancel(ANA), COMMAND_SIDE, "command-side", "act-for-people");
    assertForbidden(cancel(Actor.GUEST), COMMAND_SIDE, "command-side", "act-for-people");
  }

  @Test
  void aDispatcherWithoutActingRightsCannotActAsAnyone() {
    assertForbidden(grant(Actor.SYSTEM), TOOL, "tool", "act-as-platform");
    assertForbidden(grant(AN_ADMIN), TOOL, "tool", "act-for-people");
    assertForbidden(cancel(Actor.GUEST), TOOL, "tool", "act-for-people");
  }

  @Test
  void aCommandTheHubDidNotAttestIsRefused() {
    assertForbidden(
        grant(Actor.SYSTEM), MetaData.emptyInstance(), "not attested", "act-as-platform");
    assertForbidden(
        cancel(ANA),
        MetaData.from(Map.of(UnattestedActorRefusal.DISPATCHER_RIGHTS, "act-for-people-ish")),
        "not attested",
        "act-for-people");
  }

  private static void assertForbidden(
      Object command, MetaData metaData, String dispatcher, String right) {
    RefusedException refused =
        catchThrowableOfType(RefusedException.class, () -> handle(command, metaData));

    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.refusal().code()).isEqualTo(RefusalCode.FORBIDDEN);
    assertThat(refused.refusal().message()).contains(dispatcher).contains(right);
  }

  private static Object handle(Object command, MetaData metaData) throws Exception {
    var unitOfWork =
        DefaultUnitOfWork.startAndGet(new GenericCommandMessage<>(command).andMetaData(metaData));
    try {
      return new UnattestedActorRefusal().handle(unitOfWork, () -> "handled");
    } finally {
      unitOfWork.rollback();
    }
  }

  private static MetaData dispatcher(String application, String rights) {
    return MetaData.from(
        Map.of(
            UnattestedActorRefusal.DISPATCHER,
            application,
            UnattestedActorRefusal.DISPATCHER_RIGHTS,
            rights));
  }

  private static CancelBookingCommand cancel(Actor actor) {
    return new CancelBookingCommand("provider-1", "booking-1", null, actor, AT);
  }

  private static GrantRolesCommand grant(Actor actor) {
    return new GrantRolesCommand("ana", Set.of(Role.ADMIN), actor, AT);
  }
}
