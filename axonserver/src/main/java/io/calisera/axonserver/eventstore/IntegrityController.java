package io.calisera.axonserver.eventstore;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks the whole event history against its keyed chain and last signed checkpoint ({@link
 * EventStore#verifyIntegrity()}). Who may call it: an application with the {@code verify-integrity}
 * or the {@code monitor} right ({@code AccessTokenFilter}); others get 401/403.
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
