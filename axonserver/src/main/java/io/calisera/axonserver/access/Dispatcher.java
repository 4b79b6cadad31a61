package io.calisera.axonserver.access;

import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.command.Command;
import java.util.List;

/**
 * The hub's word to a command handler on who sent a command: the authenticated dispatcher's
 * application name and rights, written into the command's metadata under keys only the hub may
 * write. A handler believes the actor a command names only when these say the dispatcher may act so
 * (the command side's {@code UnattestedActorRefusal}); the hub removes whatever a client sent under
 * the reserved prefix, so no client can attest itself.
 */
public final class Dispatcher {

  /** Every metadata key with this prefix is the hub's. */
  public static final String RESERVED_PREFIX = "calisera.hub.";

  /** The dispatching application's name. */
  public static final String APPLICATION = RESERVED_PREFIX + "dispatcher";

  /** The dispatching application's rights, by name, sorted and comma-separated. */
  public static final String RIGHTS = RESERVED_PREFIX + "dispatcher-rights";

  private Dispatcher() {}

  /** {@code command} as its handler gets it: attested as sent by {@code dispatcher}. */
  public static Command attest(Command command, Application dispatcher) {
    Command.Builder attested = command.toBuilder();
    List<String> forged =
        command.getMetaDataMap().keySet().stream()
            .filter(key -> key.startsWith(RESERVED_PREFIX))
            .toList();
    forged.forEach(attested::removeMetaData);
    return attested
        .putMetaData(APPLICATION, text(dispatcher.name()))
        .putMetaData(RIGHTS, text(dispatcher.rightNames()))
        .build();
  }

  private static MetaDataValue text(String value) {
    return MetaDataValue.newBuilder().setTextValue(value).build();
  }
}
