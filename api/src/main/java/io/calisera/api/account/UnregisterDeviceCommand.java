package io.calisera.api.account;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a device of the account; removing one it does not have changes nothing. */
public record UnregisterDeviceCommand(
    @TargetAggregateIdentifier String accountId, String token, Actor actor, Instant at)
    implements ActingCommand {

  public UnregisterDeviceCommand {
    Require.text(accountId, "accountId", 100);
    Require.text(token, "token", RegisterDeviceCommand.MAX_TOKEN_LENGTH);
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
