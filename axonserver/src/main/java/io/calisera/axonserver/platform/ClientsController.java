package io.calisera.axonserver.platform;

import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The applications connected to the hub and the event processors they report. Who may call it:
 * holders of the hub's access token when one is configured, anyone otherwise.
 */
@RestController
class ClientsController {

  private final PlatformService platform;

  ClientsController(PlatformService platform) {
    this.platform = platform;
  }

  record Processor(String name, String mode, boolean running, int segments, long position) {}

  record Client(
      String clientId, String componentName, String connectedAt, List<Processor> processors) {}

  @GetMapping("/v1/clients")
  List<Client> clients() {
    return platform.clients().stream()
        .sorted(Comparator.comparing(PlatformService.ConnectedClient::componentName))
        .map(
            client ->
                new Client(
                    client.clientId(),
                    client.componentName(),
                    client.connectedAt().toString(),
                    client.processors().values().stream()
                        .map(
                            info ->
                                new Processor(
                                    info.getProcessorName(),
                                    info.getMode(),
                                    info.getRunning(),
                                    info.getSegmentStatusCount(),
                                    info.getSegmentStatusList().stream()
                                        .mapToLong(s -> s.getTokenPosition())
                                        .min()
                                        .orElse(-1)))
                        .toList()))
        .toList();
  }
}
