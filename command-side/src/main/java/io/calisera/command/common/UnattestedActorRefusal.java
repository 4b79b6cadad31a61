package io.calisera.command.common;

import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import java.util.Arrays;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The actor a command names is believed only when the hub attests that whoever dispatched the
 * command may act so: a person's or a guest's command needs a dispatcher with the {@code
 * act-for-people} right (the bff), the platform's own ({@link Actor#SYSTEM}) one with {@code
 * act-as-platform}. The hub writes the dispatcher's authenticated application and rights into each
 * command's metadata and removes whatever a client wrote under those keys (docs/hub-protocol.md);
 * anything else is refused {@code FORBIDDEN} before any aggregate sees it. Without this, any client
 * allowed to send commands could, for instance, grant itself roles "as the system".
 */
public final class UnattestedActorRefusal implements MessageHandlerInterceptor<CommandMessage<?>> {

  /** The dispatching application, as the hub authenticated it. */
  public static final String DISPATCHER = "calisera.hub.dispatcher";

  /** The dispatching application's rights, comma-separated. */
  public static final String DISPATCHER_RIGHTS = "calisera.hub.dispatcher-rights";

  static final String ACT_FOR_PEOPLE = "act-for-people";
  static final String ACT_AS_PLATFORM = "act-as-platform";

  @Override
  public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
      throws Exception {
    CommandMessage<?> command = unitOfWork.getMessage();
    if (command.getPayload() instanceof ActingCommand acting) {
      Actor actor = acting.actor();
      String needed = Actor.SYSTEM_ID.equals(actor.accountId()) ? ACT_AS_PLATFORM : ACT_FOR_PEOPLE;
      if (!attested(command, needed)) {
        throw RefusedException.of(
            RefusalCode.FORBIDDEN,
            "the dispatcher ("
                + command.getMetaData().getOrDefault(DISPATCHER, "not attested by the hub")
                + ") may not send commands as "
                + actor.accountId()
                + ": that needs the hub's right "
                + needed);
      }
    }
    return chain.proceed();
  }

  private static boolean attested(CommandMessage<?> command, String right) {
    return command.getMetaData().get(DISPATCHER_RIGHTS) instanceof String rights
        && Arrays.asList(rights.split(",")).contains(right);
  }
}
