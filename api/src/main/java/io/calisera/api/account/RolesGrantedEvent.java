package io.calisera.api.account;

import io.calisera.api.common.Role;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** {@code roles} holds only the newly granted ones. */
@Revision("1")
public record RolesGrantedEvent(String accountId, Set<Role> roles, String by, Instant at) {}
