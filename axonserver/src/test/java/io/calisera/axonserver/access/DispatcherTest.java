package io.calisera.axonserver.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.command.Command;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DispatcherTest {

  private static final Application BFF =
      new Application("bff", Set.of(Right.DISPATCH_COMMANDS, Right.ACT_FOR_PEOPLE));

  @Test
  void theHandlerLearnsTheDispatchersNameAndRights() {
    Command attested = Dispatcher.attest(command().build(), BFF);

    assertThat(attested.getMetaDataMap().get(Dispatcher.APPLICATION).getTextValue())
        .isEqualTo("bff");
    assertThat(attested.getMetaDataMap().get(Dispatcher.RIGHTS).getTextValue())
        .isEqualTo("act-for-people,dispatch-commands");
  }

  @Test
  void whatAClientWroteUnderTheHubsKeysIsReplacedOrRemoved() {
    Command forged =
        command()
            .putMetaData(Dispatcher.APPLICATION, text("operator"))
            .putMetaData(Dispatcher.RIGHTS, text("act-as-platform"))
            .putMetaData(Dispatcher.RESERVED_PREFIX + "anything", text("forged"))
            .build();

    Command attested = Dispatcher.attest(forged, BFF);

    assertThat(attested.getMetaDataMap())
        .containsOnlyKeys("traceId", Dispatcher.APPLICATION, Dispatcher.RIGHTS);
    assertThat(attested.getMetaDataMap().get(Dispatcher.APPLICATION).getTextValue())
        .isEqualTo("bff");
    assertThat(attested.getMetaDataMap().get(Dispatcher.RIGHTS).getTextValue())
        .doesNotContain("act-as-platform");
  }

  @Test
  void everythingElseOfTheCommandTravelsUnchanged() {
    Command original = command().build();

    Command attested = Dispatcher.attest(original, BFF);

    assertThat(
            attested.toBuilder()
                .removeMetaData(Dispatcher.APPLICATION)
                .removeMetaData(Dispatcher.RIGHTS)
                .build())
        .isEqualTo(original);
  }

  private static Command.Builder command() {
    return Command.newBuilder()
        .setMessageIdentifier("command-1")
        .setName("io.calisera.api.account.GrantRolesCommand")
        .setTimestamp(1_893_456_000_000L)
        .setClientId("client")
        .setComponentName("bff")
        .putMetaData("traceId", text("trace-1"));
  }

  private static MetaDataValue text(String value) {
    return MetaDataValue.newBuilder().setTextValue(value).build();
  }
}
