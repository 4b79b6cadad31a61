package io.calisera.api.account;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Require;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a device of the account for push messages; registering a device the account already has
 * on the same platform changes nothing. An account keeps its {@value #MAX_DEVICES} most recently
 * registered devices.
 *
 * @param token the platform's address of the device (an FCM registration token, an APNs device
 *     token, a Web Push subscription)
 */
public record RegisterDeviceCommand(
    @TargetAggregateIdentifier String accountId,
    DevicePlatform platform,
    String token,
    Actor actor,
    Instant at)
    implements ActingCommand {

  public static final int MAX_DEVICES = 10;
  public static final int MAX_TOKEN_LENGTH = 4096;

  public RegisterDeviceCommand {
    Require.text(accountId, "accountId", 100);
    Require.notNull(platform, "platform");
    Require.text(token, "token", MAX_TOKEN_LENGTH);
    Require.notNull(actor, "actor");
    Require.notNull(at, "at");
  }
}
