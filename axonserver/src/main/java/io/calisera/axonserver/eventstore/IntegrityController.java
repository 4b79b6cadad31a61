package io.calisera.axonserver.eventstore;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks the whole event history against its digest chain. Who may call it: anyone who holds the
 * hub's access token when one is configured (see {@code AccessTokenFilter}), anyone otherwise.
 */
@RestController
class IntegrityController {

  private final EventStore store;

  IntegrityController(EventStore store) {
    this.store = store;
  }

  @GetMapping("/v1/integrity")
  EventStore.Integrity integrity() {
    return store.verifyIntegrity();
  }
}
