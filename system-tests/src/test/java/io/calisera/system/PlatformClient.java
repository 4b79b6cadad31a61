package io.calisera.system;

import io.calisera.api.common.CommandFailures;
import io.calisera.api.common.MessageSerialization;
import io.calisera.testing.HubProcess;
import io.calisera.testing.HubTester;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.queryhandling.QueryGateway;

/**
 * Commands and queries sent through the hub the way the bff sends them, with the bff's token or
 * another application's.
 */
final class PlatformClient implements AutoCloseable {

  private final HubTester hub;

  private PlatformClient(HubTester hub) {
    this.hub = hub;
  }

  static PlatformClient connect(HubProcess hub) {
    return connect(hub, "bff");
  }

  /** A client with the token of another of the hub's applications. */
  static PlatformClient connect(HubProcess hub, String application) {
    return new PlatformClient(
        HubTester.connect(hub, application, "system-test", MessageSerialization.objectMapper()));
  }

  QueryGateway queries() {
    return hub.queries();
  }

  /** Sends a command and waits, sending it once more when it lost a race (as the bff does). */
  <R> R send(Object command) {
    try {
      return hub.commands().<R>send(command).get(30, TimeUnit.SECONDS);
    } catch (Exception first) {
      if (!CommandFailures.isSequenceConflict(first)) {
        throw new CompletionException(first);
      }
      try {
        return hub.commands().<R>send(command).get(30, TimeUnit.SECONDS);
      } catch (Exception second) {
        throw new CompletionException(second);
      }
    }
  }

  @Override
  public void close() {
    hub.close();
  }
}
